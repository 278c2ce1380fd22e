package uk.nhs.hps.faq;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The FAQ as stored in the database, and the search index built from it. The shipped file is imported on
 * first start; every change made through this class rebuilds the index at once, and a periodic check picks
 * up changes made by another node.
 */
@Singleton
public class KnowledgeBase {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

    private record Loaded(FaqIndex index, Optional<Instant> lastChange) {
    }

    private final FaqStore.Entries entries;
    private final FaqStore.Imports imports;
    private final FaqSettings settings;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    /** Set once the embedding model has loaded; until then the index matches on words only. */
    private volatile TextEmbedder embedder;
    /** Completes when the index matches on meaning too (or the model could not load). */
    private final java.util.concurrent.CompletableFuture<Boolean> meaning = new java.util.concurrent.CompletableFuture<>();

    KnowledgeBase(FaqStore.Entries entries, FaqStore.Imports imports, FaqSettings settings, Clock clock) {
        this.entries = entries;
        this.imports = imports;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Warms the index in the background so the service is ready to accept traffic without waiting for it: first
     * the words-only index (a question that arrives before it simply waits; index() is synchronised), then the
     * embedding model loads and the index is rebuilt with meaning. Until that swap, questions are answered on
     * words alone.
     */
    @EventListener
    void onStartup(StartupEvent event) {
        Thread warm = new Thread(() -> {
            try {
                index();
            } catch (RuntimeException e) {
                LOG.warn("FAQ index could not be built at startup; it will be built on the first question", e);
            }
        }, "faq-index-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * The model loads only once the HTTP server is up, at low priority, so it never competes with start-up for
     * the CPU (startup to ready stays what it was); until it is in, words alone answer.
     */
    @EventListener
    void onServerStarted(ServerStartupEvent event) {
        if (!settings.semantic()) {
            meaning.complete(false);
            return;
        }
        Thread load = new Thread(this::loadEmbeddings, "faq-embedding-load");
        load.setDaemon(true);
        load.setPriority(Thread.MIN_PRIORITY);
        load.start();
    }

    private void loadEmbeddings() {
        if (meaning.isDone()) {
            return;
        }
        try {
            index();
            long start = System.nanoTime();
            TextEmbedder model = MiniLmEmbedder.shared();
            embedder = model;
            int size = reload();
            LOG.info("FAQ matching on meaning as well as words: model and {} entries embedded in {} ms", size,
                    (System.nanoTime() - start) / 1_000_000);
            meaning.complete(true);
        } catch (RuntimeException | LinkageError e) {
            // no native runtime for this platform, or the model failed to load: words alone still answer
            LOG.warn("FAQ embedding model unavailable; matching on words only", e);
            meaning.complete(false);
        }
    }

    /** Waits (up to {@code timeout}) for the background load of the embedding model; true if the index now uses it. */
    public boolean awaitMeaning(java.time.Duration timeout) {
        try {
            return meaning.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** True once the index matches on meaning as well as words. */
    public boolean semanticReady() {
        Loaded loaded = current.get();
        return loaded != null && loaded.index().semantic();
    }

    /** The current index, importing the shipped file first if the table is empty. */
    public FaqIndex index() {
        Loaded loaded = current.get();
        if (loaded == null) {
            synchronized (this) {
                if (current.get() == null) {
                    if (entries.count() == 0) {
                        importShipped("system:first-start");
                    }
                    reload();
                }
                loaded = current.get();
            }
        }
        return loaded.index();
    }

    /** Rebuilds the index from the database; returns the number of enabled entries. */
    public synchronized int reload() {
        List<KnowledgeEntry> all = entries.findAll().stream().map(FaqStore.EntryRow::toEntry)
                .sorted(java.util.Comparator.comparing(KnowledgeEntry::id)).toList();
        TextEmbedder model = embedder;
        FaqIndex index = model == null ? FaqIndex.build(all, FaqIndex.ConfidenceModel.DEFAULT, settings.thresholds())
                : FaqIndex.build(all, model, settings.fusion());
        current.set(new Loaded(index, entries.lastChange()));
        LOG.info("FAQ index built entries={}", index.size());
        return index.size();
    }

    /**
     * Imports the shipped knowledge base: every entry in the file is inserted or overwritten (content and
     * enabled flag as shipped); entries the programme team added that are not in the file are left alone.
     */
    @Transactional
    public int importShipped(String actor) {
        KnowledgeBaseFile.Content content = KnowledgeBaseFile.shipped();
        for (KnowledgeEntry entry : content.entries()) {
            FaqStore.EntryRow row = FaqStore.EntryRow.of(entry, FaqStore.Origin.SHIPPED, actor);
            if (entries.existsById(entry.id())) {
                entries.update(row);
            } else {
                entries.save(row);
            }
        }
        imports.save(new FaqStore.ImportRow(null, content.version(), content.entries().size(), clock.instant(), actor));
        return content.entries().size();
    }

    /** Re-imports the shipped file and rebuilds the index. */
    public int reimport(String actor) {
        int imported = importShipped(actor);
        reload();
        return imported;
    }

    public Optional<KnowledgeEntry> find(String id) {
        return entries.findById(id).map(FaqStore.EntryRow::toEntry);
    }

    /** Adds or replaces an entry and rebuilds the index. */
    public KnowledgeEntry save(KnowledgeEntry entry, FaqStore.Origin origin, String actor) {
        KnowledgeEntry stamped = entry.withUpdatedAt(clock.instant());
        FaqStore.EntryRow row = FaqStore.EntryRow.of(stamped, origin, actor);
        if (entries.existsById(entry.id())) {
            entries.update(row);
        } else {
            entries.save(row);
        }
        reload();
        return stamped;
    }

    /** Enables or disables an entry; false if there is no such entry. */
    public boolean setEnabled(String id, boolean enabled, String actor) {
        Optional<FaqStore.EntryRow> row = entries.findById(id);
        if (row.isEmpty()) {
            return false;
        }
        entries.update(row.get().withEnabled(enabled, clock.instant(), actor));
        reload();
        return true;
    }

    /** Picks up changes another node made (or made directly in the database) without a restart. */
    @Scheduled(fixedDelay = "${hps.faq.refresh-interval:60s}", initialDelay = "${hps.faq.refresh-interval:60s}")
    void refreshIfChanged() {
        Loaded loaded = current.get();
        if (loaded != null && !entries.lastChange().equals(loaded.lastChange())) {
            reload();
        }
    }
}
