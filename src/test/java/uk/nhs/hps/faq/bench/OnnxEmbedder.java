package uk.nhs.hps.faq.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import uk.nhs.hps.faq.TextEmbedder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Any BERT-style ONNX sentence model on the classpath, with the prefixes some models want on queries and on stored
 * passages (e5: "query: " / "passage: "); for comparing models in {@link FaqModelExperiment}, one thread as shipped.
 */
final class OnnxEmbedder implements TextEmbedder {

    private final Model model;
    private final String queryPrefix;
    private final String storedPrefix;

    OnnxEmbedder(String modelFile, String tokenizer, String queryPrefix, String storedPrefix) {
        this.queryPrefix = queryPrefix;
        this.storedPrefix = storedPrefix;
        try (InputStream onnx = resource(modelFile); InputStream tok = resource(tokenizer)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.model = new Model(new OnnxBertBiEncoder(environment, environment.createSession(onnx.readAllBytes(), options),
                    tok, PoolingMode.MEAN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public float[] embed(String text) {
        return TextEmbedder.normalised(model.embed(queryPrefix + text).content().vector());
    }

    @Override
    public float[] embedStored(String text) {
        return TextEmbedder.normalised(model.embed(storedPrefix + text).content().vector());
    }

    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return null;
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("No " + name + " on the classpath");
        }
        return in;
    }
}
