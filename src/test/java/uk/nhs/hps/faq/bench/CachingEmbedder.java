package uk.nhs.hps.faq.bench;

import uk.nhs.hps.faq.TextEmbedder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Remembers every embedding (questions too) in target/faq-embeddings/NAME.bin between benchmark runs, so a grid
 * search or a re-run after a knowledge-base change embeds only new texts; the model is loaded only when needed.
 * Development tool: the shipped embedder never caches questions.
 */
final class CachingEmbedder implements TextEmbedder {

    private final Path file;
    private final Supplier<TextEmbedder> model;
    private TextEmbedder loaded;
    private final Map<String, float[]> cache = new HashMap<>();
    private boolean dirty;

    CachingEmbedder(String name, Supplier<TextEmbedder> model) {
        this.file = Path.of("target", "faq-embeddings", name + ".bin");
        this.model = model;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String key = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                    cache.put(key, v);
                }
            } catch (IOException e) {
                cache.clear();
            }
        }
    }

    @Override
    public synchronized float[] embed(String text) {
        return get("q\u0000" + text, () -> model().embed(text));
    }

    @Override
    public synchronized float[] embedStored(String text) {
        return get("s\u0000" + text, () -> model().embedStored(text));
    }

    private float[] get(String key, Supplier<float[]> compute) {
        float[] v = cache.get(key);
        if (v == null) {
            v = compute.get();
            cache.put(key, v);
            dirty = true;
        }
        return v;
    }

    private TextEmbedder model() {
        if (loaded == null) {
            loaded = model.get();
        }
        return loaded;
    }

    synchronized void save() {
        if (!dirty) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeInt(cache.size());
                for (Map.Entry<String, float[]> e : cache.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float x : e.getValue()) {
                        out.writeFloat(x);
                    }
                }
            }
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean of two models' cosines: each unit vector scaled by 1/√2 and the two concatenated. */
    static TextEmbedder ensemble(TextEmbedder a, TextEmbedder b) {
        return new TextEmbedder() {
            @Override
            public float[] embed(String text) {
                return concat(a.embed(text), b.embed(text));
            }

            @Override
            public float[] embedStored(String text) {
                return concat(a.embedStored(text), b.embedStored(text));
            }
        };
    }

    private static float[] concat(float[] x, float[] y) {
        float[] out = new float[x.length + y.length];
        float s = (float) Math.sqrt(0.5);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * s;
        }
        for (int i = 0; i < y.length; i++) {
            out[x.length + i] = y[i] * s;
        }
        return out;
    }
}
