package uk.nhs.hps.faq;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * all-MiniLM-L6-v2 (quantised, 384 dimensions), loaded from the classpath and run on the CPU by ONNX Runtime:
 * nothing is downloaded at run time. Loading takes a second or two, so there is one model per JVM, made on first
 * use. Embeddings of knowledge-base texts are cached, so rebuilding the index after an edit only embeds what
 * changed; questions are embedded fresh each time (they are not kept).
 */
public final class MiniLmEmbedder implements TextEmbedder {

    private static final int MAX_CACHED = 20_000;
    private static volatile MiniLmEmbedder shared;

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;
    private final Map<String, float[]> knowledgeBaseTexts = new ConcurrentHashMap<>();

    private MiniLmEmbedder() {
        // runs batches on the calling thread: the index is built in the background and questions come one at a time
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    /** The model for this JVM, loading it on first call (blocking, 1–3 s). */
    public static MiniLmEmbedder shared() {
        MiniLmEmbedder m = shared;
        if (m == null) {
            synchronized (MiniLmEmbedder.class) {
                if (shared == null) {
                    shared = new MiniLmEmbedder();
                }
                m = shared;
            }
        }
        return m;
    }

    @Override
    public float[] embed(String text) {
        return TextEmbedder.normalised(model.embed(text).content().vector());
    }

    /** A knowledge-base text, from the cache when it was embedded before. */
    @Override
    public float[] embedStored(String text) {
        float[] cached = knowledgeBaseTexts.get(text);
        if (cached != null) {
            return cached;
        }
        float[] v = embed(text);
        if (knowledgeBaseTexts.size() < MAX_CACHED) {
            knowledgeBaseTexts.put(text, v);
        }
        return v;
    }
}
