package uk.nhs.hps.faq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheme's own vocabulary, folded to one canonical form before analysis, in the knowledge base and in
 * questions alike: acronyms and codes only (HPS, AfC, ICS/ICB, bands 8a–8d, stream and transition numbers,
 * ED&amp;I, KPI, 70:20:10). Paraphrases ("came up with" for "developed") are left to the sentence embeddings:
 * a hand-written rule per phrasing does not generalise (issue 11). Each rule has a name so an explanation can
 * say which ones applied.
 */
final class DomainSynonyms {

    record Rule(String name, Pattern pattern, String replacement) {
    }

    /** A text after folding, with the names of the rules that changed it. */
    record Folded(String text, List<String> applied) {
    }

    private static final List<Rule> RULES = List.of(
            rule("HPS = High Potential Scheme", "\\bhigh[- ]?potent?ial (scheme|programme|program)\\b|\\bh\\.p\\.s\\.?", "hps"),
            rule("AfC = Agenda for Change", "\\bagenda for change\\b", "afc"),
            rule("ICS = integrated care system/board", "\\bintegrated care (systems?|boards?)\\b|\\bicbs?\\b|\\bics'?s\\b", "ics"),
            rule("band 8a-8d = bands 8a, 8b, 8c and 8d", "\\b(bands? )?8 ?a ?(-|–|to) ?(8 ?)?d\\b", "band8a band8b band8c band8d"),
            rule("band 8a/8b/8c/8d", "\\b(bands? ?)?8 ?([a-d])\\b", "band8$2"),
            rule("band 9", "\\bbands? ?9\\b", "band9"),
            rule("band 7 and below", "\\bbands? ?([1-7])\\b", "band$1"),
            rule("a band is a band", "\\b(band[1-9][a-d]?)\\b", "$1 band"),
            rule("stream 1 = stream one", "\\bstreams? (1|one)\\b|\\bfirst (development )?stream\\b", "stream1"),
            rule("stream 2 = stream two", "\\bstreams? (2|two)\\b|\\bsecond (development )?stream\\b", "stream2"),
            rule("transition 1 = first career transition", "\\btransition (1|one)\\b|\\bfirst (career )?transition\\b", "transition1"),
            rule("transition 2 = second career transition", "\\btransition (2|two)\\b|\\bsecond (career )?transition\\b", "transition2"),
            rule("ED&I = equality, diversity and inclusion", "\\bed ?& ?i\\b|\\bd ?& ?i\\b|\\bedi\\b|\\bequality,? diversity,? (and|&) inclusion\\b", "edi diversity inclusion"),
            rule("BAME = ethnic minority", "\\b(black,? asian and minority ethnic|ethnic minorit(y|ies)|bme)\\b", "bame"),
            rule("LGBT+", "\\blgbt[a-z+]*", "lgbt"),
            rule("KPI = key performance indicator", "\\bkpi'?s?\\b|\\bkey performance indicators?\\b", "kpi"),
            rule("70:20:10 model", "\\b70 ?[:/ ] ?20 ?[:/ ] ?10\\b", "model702010"),
            rule("face to face = in person", "\\bface[- ]to[- ]face\\b|\\bin[- ]person\\b|\\bf2f\\b", "facetoface"),
            rule("online = on-line", "\\bon-line\\b", "online"),
            rule("self-assessment", "\\bself[- ]assess?ments?\\b", "selfassessment"),
            rule("work-based", "\\bwork[- ]based\\b", "workbased"));

    /** Words the rules recognise, so the spelling corrector knows them and can correct towards them. */
    static final Set<String> TRIGGER_WORDS = Set.of("high", "potential", "scheme", "programme", "agenda", "change",
            "integrated", "care", "system", "band", "stream", "transition", "equality", "diversity", "inclusion",
            "ethnic", "minority", "key", "performance", "indicator", "face", "person", "self", "assessment", "work",
            "based", "first", "second");

    /**
     * The scheme's acronyms written out, for the text given to the sentence-embedding model, which has never seen
     * "hps" or "ct2" but knows "High Potential Scheme" and "career transition 2". Applied to questions and to the
     * knowledge base alike.
     */
    private static final List<Rule> SPELLED_OUT = List.of(
            rule("HPS", "\\bhps\\b", "High Potential Scheme"),
            rule("AfC", "\\bafc\\b", "Agenda for Change"),
            rule("ICB", "\\bicbs?\\b", "integrated care board"),
            rule("ICS", "\\bics'?s?\\b", "integrated care system"),
            rule("AHP", "\\bahps?\\b", "allied health professional"),
            rule("ED&I", "\\bed ?& ?i\\b|\\bedi\\b", "equality, diversity and inclusion"),
            rule("ED", "\\beds?\\b", "executive director"),
            rule("CT1", "\\bct ?1\\b", "career transition 1"),
            rule("CT2", "\\bct ?2\\b", "career transition 2"),
            rule("ALB", "\\balbs?\\b", "arm's length body"),
            rule("DHSC", "\\bdhsc\\b", "Department of Health and Social Care"));

    private DomainSynonyms() {
    }

    /** A text with the scheme's acronyms written out (case-insensitive), for the embedding model. */
    static String spelledOut(String text) {
        String out = text;
        for (Rule rule : SPELLED_OUT) {
            out = Pattern.compile(rule.pattern().pattern(), Pattern.CASE_INSENSITIVE).matcher(out).replaceAll(rule.replacement());
        }
        return out;
    }

    private static Rule rule(String name, String regex, String replacement) {
        return new Rule(name, Pattern.compile(regex), replacement);
    }

    /** Folds a lower-cased text. */
    static Folded fold(String lowerCaseText) {
        String text = lowerCaseText;
        List<String> applied = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                text = m.replaceAll(" " + rule.replacement() + " ");
                applied.add(rule.name());
            }
        }
        return new Folded(text.replaceAll("\\s+", " ").strip(), applied);
    }
}
