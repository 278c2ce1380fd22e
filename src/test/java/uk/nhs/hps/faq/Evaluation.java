package uk.nhs.hps.faq;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The evaluation set in {@code src/test/resources/faq/evaluation.yml}, and the figures a matcher scores on it. */
public final class Evaluation {

    public record Question(String text, Set<String> ids, boolean holdout) {
    }

    public record Set_(List<Question> questions, List<String> offTopic) {
    }

    /** What a matcher said about one question: its top entry (or null) and whether it answered, suggested or fell back. */
    public record Verdict(String topId, List<String> suggestedIds, MatchResult.Outcome outcome, double confidence) {
    }

    public record Figures(int questions, int top1Correct, int answeredCorrect, int answeredWrong, int suggestedContaining,
                          int offTopic, int offTopicFallback, int offTopicNotAnswered, List<String> misses,
                          List<String> offTopicLeaks) {
        public double top1Accuracy() {
            return (double) top1Correct / questions;
        }

        public double abstention() {
            return (double) offTopicFallback / offTopic;
        }

        public double noDirectAnswerRate() {
            return (double) offTopicNotAnswered / offTopic;
        }

        public double wrongAnswerRate() {
            return (double) answeredWrong / questions;
        }

        public double answeredCorrectRate() {
            return (double) answeredCorrect / questions;
        }
    }

    private Evaluation() {
    }

    @SuppressWarnings("unchecked")
    public static Set_ load() {
        try (InputStream in = Evaluation.class.getResourceAsStream("/faq/evaluation.yml")) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<Question> questions = new ArrayList<>();
            for (Map<String, Object> q : (List<Map<String, Object>>) root.get("questions")) {
                questions.add(new Question((String) q.get("q"), Set.copyOf((List<String>) q.get("ids")),
                        Boolean.TRUE.equals(q.get("holdout"))));
            }
            return new Set_(questions, (List<String>) root.get("offTopic"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Figures score(Set_ set, Function<String, Verdict> matcher, boolean holdoutOnly) {
        int total = 0;
        int top1 = 0;
        int answeredCorrect = 0;
        int answeredWrong = 0;
        int suggested = 0;
        List<String> misses = new ArrayList<>();
        for (Question q : set.questions()) {
            if (holdoutOnly && !q.holdout()) {
                continue;
            }
            total++;
            Verdict v = matcher.apply(q.text());
            boolean right = v.topId() != null && q.ids().contains(v.topId());
            if (right) {
                top1++;
            } else {
                misses.add(String.format("%s%s → %s (%s %.2f), expected %s", q.holdout() ? "[holdout] " : "", q.text(),
                        v.topId(), v.outcome(), v.confidence(), q.ids()));
            }
            if (v.outcome() == MatchResult.Outcome.ANSWER) {
                if (right) {
                    answeredCorrect++;
                } else {
                    answeredWrong++;
                }
            } else if (v.outcome() == MatchResult.Outcome.SUGGEST && v.suggestedIds().stream().anyMatch(q.ids()::contains)) {
                suggested++;
            }
        }
        int fallback = 0;
        int notAnswered = 0;
        List<String> leaks = new ArrayList<>();
        if (!holdoutOnly) {
            for (String text : set.offTopic()) {
                Verdict v = matcher.apply(text);
                if (v.outcome() == MatchResult.Outcome.FALLBACK) {
                    fallback++;
                } else {
                    leaks.add(String.format("%s → %s (%s %.2f)", text, v.topId(), v.outcome(), v.confidence()));
                }
                if (v.outcome() != MatchResult.Outcome.ANSWER) {
                    notAnswered++;
                }
            }
        }
        return new Figures(total, top1, answeredCorrect, answeredWrong, suggested, holdoutOnly ? 0 : set.offTopic().size(),
                fallback, notAnswered, misses, leaks);
    }

    /** The verdict of the production matcher. */
    public static Verdict verdict(FaqIndex index, String question) {
        MatchResult r = index.match(question);
        return new Verdict(r.top().map(c -> c.entry().id()).orElse(null),
                r.candidates().stream().limit(3).map(c -> c.entry().id()).toList(), r.outcome(), r.confidence());
    }

    /** Prints the figures and every miss; for tuning and for reading what the matcher gets wrong. */
    public static void main(String[] args) {
        FaqIndex index = FaqIndex.build(KnowledgeBaseFile.shipped().entries());
        Set_ set = load();
        Figures all = score(set, q -> verdict(index, q), false);
        Figures holdout = score(set, q -> verdict(index, q), true);
        System.out.printf("top-1 %.3f (%d/%d)  answered-correct %.3f  answered-wrong %d  abstention %.3f  no-direct-answer %.3f  holdout top-1 %.3f%n",
                all.top1Accuracy(), all.top1Correct(), all.questions(), all.answeredCorrectRate(), all.answeredWrong(),
                all.abstention(), all.noDirectAnswerRate(), holdout.top1Accuracy());
        boolean showHoldout = args.length > 0 && args[0].equals("--show-holdout");
        all.misses().stream().filter(m -> showHoldout || !m.startsWith("[holdout]")).forEach(m -> System.out.println("MISS " + m));
        all.offTopicLeaks().forEach(m -> System.out.println("LEAK " + m));
        if (args.length > 0 && args[0].equals("--features")) {
            for (Question q : set.questions()) {
                if (q.holdout()) {
                    continue;
                }
                MatchResult r = index.match(q.text());
                double[] f = index.features(r);
                System.out.printf("POS %s %.2f %.2f %.2f %.2f %s | %s%n", q.ids().contains(verdict(index, q.text()).topId()) ? "Y" : "N",
                        f[0], f[1], f[2], f[3], r.outcome(), q.text());
            }
            for (String text : set.offTopic()) {
                MatchResult r = index.match(text);
                double[] f = index.features(r);
                System.out.printf("NEG - %.2f %.2f %.2f %.2f %s | %s%n", f[0], f[1], f[2], f[3], r.outcome(), text);
            }
        }
    }
}
