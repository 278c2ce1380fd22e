package uk.nhs.hps.faq;

/** Format of the third fresh held-out set, faq/eval/fresh3/heldout.yml. */
class Fresh3EvalSetFormatTest extends HeldOutSetFormatContract {

    @Override
    protected String set() {
        return "fresh3/heldout";
    }
}
