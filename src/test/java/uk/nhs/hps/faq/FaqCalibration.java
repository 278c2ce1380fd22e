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

/**
 * Fits {@link FaqIndex.ConfidenceModel} by logistic regression, on data kept apart from the evaluation set:
 * every alternative phrasing in the knowledge base, asked against an index built without it (label: did the
 * top candidate come out right), and the off-topic questions in {@code calibration.yml} (label 0).
 * Prints the weights to paste into {@code ConfidenceModel.DEFAULT}.
 */
public final class FaqCalibration {

    record Sample(double[] x, int y) {
    }

    private FaqCalibration() {
    }

    public static void main(String[] args) {
        List<Sample> samples = samples();
        double[] w = fit(samples);
        System.out.printf("samples %d (positives %d)%n", samples.size(), samples.stream().filter(s -> s.y() == 1).count());
        System.out.printf("new FaqIndex.ConfidenceModel(%.2f, %.2f, %.2f, %.2f, %.2f)%n", w[0], w[1], w[2], w[3], w[4]);
        for (double t = 0.2; t < 0.85; t += 0.05) {
            int above = 0;
            int rightAbove = 0;
            for (Sample s : samples) {
                double z = w[4];
                for (int i = 0; i < 4; i++) {
                    z += w[i] * s.x()[i];
                }
                if (1 / (1 + Math.exp(-z)) >= t) {
                    above++;
                    rightAbove += s.y();
                }
            }
            System.out.printf("threshold %.2f: %d above, precision %.2f, recall %.2f%n", t, above,
                    above == 0 ? 0 : (double) rightAbove / above, (double) rightAbove / samples.stream().filter(x -> x.y() == 1).count());
        }
    }

    @SuppressWarnings("unchecked")
    static List<Sample> samples() {
        List<KnowledgeEntry> entries = KnowledgeBaseFile.shipped().entries();
        List<Sample> samples = new ArrayList<>();
        for (KnowledgeEntry entry : entries) {
            for (String left : entry.alternatives()) {
                List<KnowledgeEntry> without = new ArrayList<>();
                for (KnowledgeEntry e : entries) {
                    without.add(e != entry ? e : new KnowledgeEntry(e.id(), e.category(), e.question(),
                            e.alternatives().stream().filter(a -> !a.equals(left)).toList(), e.answer(), e.source(),
                            true, e.updatedAt()));
                }
                FaqIndex index = FaqIndex.build(without);
                MatchResult r = index.match(left);
                boolean right = r.top().map(c -> c.entry().id().equals(entry.id())).orElse(false);
                samples.add(new Sample(index.features(r), right ? 1 : 0));
            }
        }
        FaqIndex index = FaqIndex.build(entries);
        try (InputStream in = FaqCalibration.class.getResourceAsStream("/faq/calibration.yml")) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            for (String q : (List<String>) root.get("offTopic")) {
                samples.add(new Sample(index.features(index.match(q)), 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    /** Plain batch gradient descent on the log loss with a little L2; classes weighted to balance. */
    static double[] fit(List<Sample> samples) {
        int d = samples.get(0).x().length;
        double[] w = new double[d + 1];
        long positives = samples.stream().filter(s -> s.y() == 1).count();
        double wPos = samples.size() / (2.0 * positives);
        double wNeg = samples.size() / (2.0 * (samples.size() - positives));
        for (int iteration = 0; iteration < 20000; iteration++) {
            double[] grad = new double[d + 1];
            for (Sample s : samples) {
                double z = w[d];
                for (int i = 0; i < d; i++) {
                    z += w[i] * s.x()[i];
                }
                double p = 1 / (1 + Math.exp(-z));
                double err = (p - s.y()) * (s.y() == 1 ? wPos : wNeg);
                for (int i = 0; i < d; i++) {
                    grad[i] += err * s.x()[i];
                }
                grad[d] += err;
            }
            for (int i = 0; i <= d; i++) {
                w[i] -= 0.5 * (grad[i] / samples.size() + (i < d ? 0.001 * w[i] : 0));
            }
        }
        return w;
    }
}
