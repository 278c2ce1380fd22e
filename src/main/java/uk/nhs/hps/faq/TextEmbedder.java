package uk.nhs.hps.faq;

/** Turns a text into a unit-length sentence embedding, so that a dot product is a cosine similarity. */
@FunctionalInterface
public interface TextEmbedder {

    float[] embed(String text);

    /** A knowledge-base text: implementations may cache these (questions are never cached). */
    default float[] embedStored(String text) {
        return embed(text);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
