package uk.nhs.hps.faq;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * all-MiniLM-L6-v2 (quantised, 384 dimensions) from the langchain4j artifact on the classpath, run on the CPU by
 * ONNX Runtime: nothing is downloaded at run time. The session runs on one thread: a question is a few dozen
 * tokens, and on a small shared machine a thread pool per inference only adds contention. Loading takes a second
 * or two, so there is one model per JVM, made on first use. Embeddings of knowledge-base texts are cached, so
 * rebuilding the index after an edit only embeds what changed; questions are never cached.
 */
public final class MiniLmEmbedder implements TextEmbedder {

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int MAX_CACHED = 20_000;
    private static volatile MiniLmEmbedder shared;

    private final Model model;
    private final Map<String, float[]> knowledgeBaseTexts = new ConcurrentHashMap<>();

    /** The langchain4j in-process model, with a session we configure (one thread) instead of the default. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model() {
            super(Runnable::run);
            try (InputStream onnx = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtSession session = environment.createSession(onnx.readAllBytes(), options);
                encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime could not load the embedding model", e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }

        private static InputStream resource(String name) throws IOException {
            InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
            if (in == null) {
                throw new IOException("No " + name + " on the classpath");
            }
            return in;
        }
    }

    private MiniLmEmbedder() {
        this.model = new Model();
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
