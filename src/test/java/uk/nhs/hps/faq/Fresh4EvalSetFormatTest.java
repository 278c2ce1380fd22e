package uk.nhs.hps.faq;

/** Format of the fourth fresh held-out set, faq/eval/fresh4/heldout.yml. */
class Fresh4EvalSetFormatTest extends HeldOutSetFormatContract {

    @Override
    protected String set() {
        return "fresh4/heldout";
    }
}
