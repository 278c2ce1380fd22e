package uk.nhs.hps.faq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses {@link FaqIndex.Fusion} on the tuning half only, by grid search, and estimates how well the choice
 * generalises by k-fold cross-validation inside that half (choose on k−1 folds, score on the fold left out).
 * The objective rewards a right direct answer, penalises a wrong one twice and an off-topic question answered
 * directly three times, and gives {@link #SUGGESTION_CREDIT} of a point for a suggestion list that holds the right
 * entry (and takes half a point for suggestions on an off-topic question, which is less honest than "I don't know").
 * The credit was half a point until issue 11's second round and 0.2 until its fourth: it made the tuner prefer "did
 * you mean" to a direct answer it would mostly have got right; with no credit, cross-validation on the development
 * set answers 1.3 points more in-scope questions with the same share of wrong answers and more off-topic questions
 * given no fact (FaqDecisionExperiment, docs/faq.md).
 */
public final class FusionTuning {

    /** One question's evidence, with what counts as right. */
    public record Item(EvalSet.Question question, List<FaqIndex.Evidence> evidence, double unknownShare) {
        public Item(EvalSet.Question question, List<FaqIndex.Evidence> evidence) {
            this(question, evidence, 0);
        }
    }

    /** The best few entries for one question under one (semanticWeight, answerTextWeight, passageWeight). */
    private record Ranked(List<KnowledgeEntry> top3, double first, double margin) {
    }

    /** {@code unknownPenalty}: how much the answer threshold rises per share of the question's terms the KB never uses. */
    public record Choice(FaqIndex.Fusion fusion, double objective, double unknownPenalty) {
    }

    /** Experiment only ({@code -Dtuning.unknown-penalties=0,0.1,0.2}); the shipped decision has no such term. */
    static final double[] UNKNOWN_PENALTY = grid("tuning.unknown-penalties", "0");

    private static double[] grid(String property, String values) {
        return java.util.Arrays.stream(System.getProperty(property, values).split(",")).mapToDouble(Double::parseDouble)
                .toArray();
    }

    // overridable for quicker experiments (FaqDecisionExperiment), e.g. -Dtuning.semantic=0.5,0.6,0.7
    static final double[] SEMANTIC = grid("tuning.semantic", "0.5,0.6,0.7,0.8,0.9,1.0");
    static final double[] ANSWER_TEXT = grid("tuning.answer-text", "0.8,0.9,1.0");
    static final double[] PASSAGE = grid("tuning.passage", "0,0.8,0.9,1.0");
    static final double SUGGESTION_CREDIT = 0;
    static final double[] MARGIN = {0, 0.01, 0.02, 0.03, 0.05, 0.08};
    static final double[] RELATIVE_MARGIN = {0, 0.02, 0.04, 0.06, 0.1, 0.15};

    /** How the lead over the runner-up is measured (compared by {@code FaqRuleExperiment}). */
    public enum MarginMode {
        /** top − second, whatever the second answers */
        RUNNER_UP,
        /** top − best entry sharing no topic with the top one ({@link FaqIndex#rival}) */
        OTHER_TOPIC,
        /** (top − best entry sharing no topic) / top */
        RELATIVE_OTHER_TOPIC,
        /** as RELATIVE_OTHER_TOPIC, but no lead needed when meaning alone and words alone also rank the top entry first */
        RELATIVE_OR_AGREEMENT
    }

    static final MarginMode SHIPPED = MarginMode.RELATIVE_OTHER_TOPIC;

    /**
     * What the objective takes off for a wrong in-scope answer and for an off-topic question answered directly, what it
     * gives for a suggestion list holding the right entry on an in-scope question (negative: a cost per list), and what it
     * takes off for suggestions on an off-topic question.
     */
    public record Costs(double wrong, double offTopicAnswered, double suggestionCredit, double offTopicSuggested) {
        public static final Costs SHIPPED = new Costs(2, 3);

        public Costs(double wrong, double offTopicAnswered) {
            this(wrong, offTopicAnswered, SUGGESTION_CREDIT, 0.5);
        }
    }

    private FusionTuning() {
    }

    public static Choice choose(List<Item> items) {
        return choose(items, SHIPPED);
    }

    public static Choice choose(List<Item> items, MarginMode mode) {
        return choose(items, mode, Costs.SHIPPED);
    }

    public static Choice choose(List<Item> items, MarginMode mode, Costs costs) {
        Choice best = null;
        for (double sw : SEMANTIC) {
            for (double aw : ANSWER_TEXT) {
                for (double pw : PASSAGE) {
                    FaqIndex.Fusion shape = new FaqIndex.Fusion(sw, aw, pw, 0, 0, 0);
                    List<Ranked> ranked = items.stream().map(i -> rank(i, shape, mode)).toList();
                    for (double answerAt = 0.35; answerAt <= 0.80; answerAt += 0.025) {
                        for (double margin : mode.compareTo(MarginMode.RELATIVE_OTHER_TOPIC) >= 0 ? RELATIVE_MARGIN : MARGIN) {
                            for (double suggestAt = 0.25; suggestAt <= answerAt + 1e-9; suggestAt += 0.05) {
                                FaqIndex.Fusion f = new FaqIndex.Fusion(sw, aw, pw, round(answerAt), margin, round(suggestAt));
                                for (double penalty : UNKNOWN_PENALTY) {
                                    double j = objective(items, ranked, f, costs, penalty);
                                    if (best == null || j > best.objective() + 1e-9) {
                                        best = new Choice(f, j, penalty);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    /**
     * k-fold estimate: {in-scope right direct answers, off-topic with no direct answer, faq right, docs right, in-scope
     * wrong direct answers}, the objective-free figures of the settings chosen without each fold, on that fold.
     */
    public static double[] crossValidate(List<Item> items, int k) {
        return crossValidate(items, k, SHIPPED);
    }

    public static double[] crossValidate(List<Item> items, int k, MarginMode mode) {
        return crossValidate(items, k, mode, Costs.SHIPPED);
    }

    public static double[] crossValidate(List<Item> items, int k, MarginMode mode, Costs costs) {
        int right = 0;
        int wrong = 0;
        int inScope = 0;
        int offTopic = 0;
        int offTopicAnswered = 0;
        int[] faq = new int[2];
        int[] docs = new int[2];
        for (int fold = 0; fold < k; fold++) {
            List<Item> train = new ArrayList<>();
            List<Item> test = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                (i % k == fold ? test : train).add(items.get(i));
            }
            Choice choice = choose(train, mode, costs);
            FaqIndex.Fusion f = choice.fusion();
            for (Item item : test) {
                Ranked r = rank(item, f, mode);
                boolean answered = decide(f, r, item, choice.unknownPenalty()) == MatchResult.Outcome.ANSWER;
                if (item.question().inScope()) {
                    inScope++;
                    int ok = answered && hit(item, r.top3().get(0)) ? 1 : 0;
                    right += ok;
                    wrong += answered ? 1 - ok : 0;
                    int[] kind = item.question().kind() == EvalSet.Kind.faq ? faq : docs;
                    kind[0]++;
                    kind[1] += ok;
                } else {
                    offTopic++;
                    offTopicAnswered += answered ? 1 : 0;
                }
            }
        }
        return new double[]{(double) right / inScope, 1 - (double) offTopicAnswered / offTopic,
                (double) faq[1] / faq[0], (double) docs[1] / docs[0], (double) wrong / inScope};
    }

    private static double objective(List<Item> items, List<Ranked> ranked, FaqIndex.Fusion f, Costs costs, double penalty) {
        double j = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Ranked r = ranked.get(i);
            MatchResult.Outcome o = decide(f, r, item, penalty);
            if (item.question().inScope()) {
                if (o == MatchResult.Outcome.ANSWER) {
                    j += hit(item, r.top3().get(0)) ? 1 : -costs.wrong();
                } else if (o == MatchResult.Outcome.SUGGEST) {
                    boolean holds = r.top3().stream().anyMatch(e -> hit(item, e));
                    j += costs.suggestionCredit() >= 0 ? (holds ? costs.suggestionCredit() : 0) : costs.suggestionCredit();
                }
            } else if (o == MatchResult.Outcome.ANSWER) {
                j -= costs.offTopicAnswered();
            } else if (o == MatchResult.Outcome.SUGGEST) {
                j -= costs.offTopicSuggested();
            }
        }
        return j;
    }

    /**
     * The category of the experimental rival entries that name what the scheme does not cover (FaqDecisionExperiment,
     * not shipped): when one is ranked first, no scheme fact is given.
     */
    public static final String NOT_COVERED = "Not covered by the scheme";

    /**
     * As {@link FaqIndex#decideWithMeaning}, plus the two experimental terms (a not-covered entry ranked first gives no
     * answer; the answer threshold rises by {@code penalty} × the share of unknown terms), both absent when shipped.
     */
    private static MatchResult.Outcome decide(FaqIndex.Fusion f, Ranked r, Item item, double penalty) {
        if (NOT_COVERED.equals(r.top3().get(0).category())) {
            return MatchResult.Outcome.FALLBACK;
        }
        MatchResult.Outcome o = f.decide(r.first(), r.margin());
        return o == MatchResult.Outcome.ANSWER && r.first() < f.answerAt() + penalty * item.unknownShare()
                ? (r.first() >= f.suggestAt() ? MatchResult.Outcome.SUGGEST : MatchResult.Outcome.FALLBACK) : o;
    }

    private static boolean hit(Item item, KnowledgeEntry e) {
        return e.topics().stream().anyMatch(item.question().topics()::contains);
    }

    private static Ranked rank(Item item, FaqIndex.Fusion f, MarginMode mode) {
        List<FaqIndex.Evidence> sorted = new ArrayList<>(item.evidence());
        sorted.sort(Comparator.comparingDouble((FaqIndex.Evidence e) -> -e.fused(f)).thenComparing(e -> e.entry().id()));
        double first = sorted.get(0).fused(f);
        double margin = switch (mode) {
            case RUNNER_UP -> first - (sorted.size() > 1 ? sorted.get(1).fused(f) : 0);
            case OTHER_TOPIC -> first - FaqIndex.rival(sorted, FaqIndex.Evidence::entry, e -> e.fused(f));
            case RELATIVE_OR_AGREEMENT -> agree(sorted) ? 1 : FaqIndex.relativeLead(first, FaqIndex.rival(sorted,
                    FaqIndex.Evidence::entry, e -> e.fused(f)));
            case RELATIVE_OTHER_TOPIC -> FaqIndex.relativeLead(first, FaqIndex.rival(sorted, FaqIndex.Evidence::entry,
                    e -> e.fused(f)));
        };
        return new Ranked(sorted.stream().limit(3).map(FaqIndex.Evidence::entry).toList(), first, margin);
    }

    private static boolean agree(List<FaqIndex.Evidence> sorted) {
        FaqIndex.Evidence top = sorted.get(0);
        double meaning = Math.max(top.phrasingMeaning(), top.answerMeaning());
        double words = top.words() == null ? 0 : top.words().lexical();
        return words > 0 && sorted.stream().allMatch(e -> e == top || (Math.max(e.phrasingMeaning(), e.answerMeaning()) < meaning
                && (e.words() == null || e.words().lexical() < words)));
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
