package uk.nhs.hps.faq;

import jakarta.inject.Singleton;

import java.util.List;

/** The programme team's upkeep of the FAQ from the chat: reload, re-import, explain a match, switch entries, see gaps. */
@Singleton
class CuratingFaq {

    record Reimported(int imported, int inUse) {
    }

    private final KnowledgeBase knowledgeBase;
    private final FaqStore.Queries queries;

    CuratingFaq(KnowledgeBase knowledgeBase, FaqStore.Queries queries) {
        this.knowledgeBase = knowledgeBase;
        this.queries = queries;
    }

    /** Rebuilds the index from the database; the number of entries in use. */
    int reload() {
        return knowledgeBase.reload();
    }

    Reimported reimport(String by) {
        int imported = knowledgeBase.reimport(by);
        return new Reimported(imported, knowledgeBase.index().size());
    }

    /** The matcher's own account of how it would answer the question. */
    String explain(String question) {
        return knowledgeBase.index().match(FaqIndex.clean(question)).explain();
    }

    /** False when there is no such entry. */
    boolean setEnabled(String entryId, boolean on, String by) {
        return knowledgeBase.setEnabled(entryId, on, by);
    }

    List<FaqStore.Gap> gaps(int limit) {
        return queries.gaps(limit);
    }
}
