package uk.nhs.hps.faq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheme's own vocabulary, folded to one canonical form before analysis, in the knowledge base and in
 * questions alike ("mat leave" and "maternity leave" both become "maternity leave"; "line manager" becomes
 * "sponsor"; "band 8a" becomes the single token "band8a"). Each rule has a name so an explanation can say
 * which ones applied.
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
            rule("sponsor = line manager", "\\b(my |your |their )?line ?(manager|mgr)('?s)?\\b|\\bmy (manager|boss)('?s)?\\b", "sponsor"),
            rule("coach = career coach", "\\bcareer'?s? coach", "coach"),
            rule("maternity = mat leave/pregnancy", "\\bmat leave\\b|\\bpregnan(t|cy)\\b|\\bmaternity leave\\b", "maternity leave"),
            rule("parental leave = paternity/adoption/shared parental", "\\bshared parental\\b", "paternity"),
            rule("applications = apps/apply", "\\bapps\\b|\\bappl(y|ying|ied)\\b", "application"),
            rule("deadline = closing date", "\\bdeadlines?\\b|\\bclosing dates?\\b", "close"),
            rule("ED&I = equality, diversity and inclusion", "\\bed ?& ?i\\b|\\bd ?& ?i\\b|\\bedi\\b|\\bequality,? diversity,? (and|&) inclusion\\b", "edi diversity inclusion"),
            rule("BAME = ethnic minority", "\\b(black,? asian and minority ethnic|ethnic minorit(y|ies)|bme)\\b", "bame"),
            rule("LGBT+", "\\blgbt[a-z+]*", "lgbt"),
            rule("KPI = key performance indicator", "\\bkpi'?s?\\b|\\bkey performance indicators?\\b", "kpi"),
            rule("70:20:10 model", "\\b70 ?[:/ ] ?20 ?[:/ ] ?10\\b", "model702010"),
            rule("face to face = in person", "\\bface[- ]to[- ]face\\b|\\bin[- ]person\\b|\\bf2f\\b", "facetoface"),
            rule("online = on-line", "\\bon-line\\b", "online"),
            rule("self-assessment", "\\bself[- ]assess?ments?\\b", "selfassessment"),
            rule("work-based", "\\bwork[- ]based\\b", "workbased"),
            rule("drop out = withdraw/quit/leave the scheme",
                    "\\bdrop(s|ped|ping)? out\\b|\\bquit(s|ting)?\\b|\\bwithdraw(s|ing|al|n)?\\b|\\bpull(s|ed|ing)? out\\b"
                            + "|\\bleav(e|ing) (the )?(scheme|programme|program|hps)\\b", "dropout"),
            rule("duration = how long / two years / 24 months",
                    "\\bhow long('s)?\\b|\\b(two|2)[- ]years?\\b|\\b24[- ]months?\\b|\\bhow many (months|years)\\b|\\bduration\\b", "duration"),
            rule("funding = cost/fees/pay", "\\b(costs?|fees?|pay|pays|paying|paid|money|funded|funds?|free)\\b", "funding"),
            rule("organisation = trust/employer", "\\b(trusts?|employers?)\\b", "organisation"),
            rule("communications = comms", "\\bcomms\\b", "communications"),
            rule("information = info", "\\binfo\\b", "information"),
            rule("executive = exec", "\\bexecs?\\b", "executive"),
            rule("launch = start/kick off", "\\b(kick(s|ing)? ?off|start(s|ing)?|begin(s|ning)?|commence(s)?)\\b", "launch"),
            rule("assessment = interview", "\\binterview(s|ed)?\\b", "assessment"),
            rule("diversity = inclusive/inclusion", "\\bequality\\b", "diversity"),
            // everyday paraphrases of the FAQ's own wording
            rule("created = developed (the scheme)/designed/came up with",
                    "\\b(came up with|come up with|created|designed|built|devised|invented|(has|have|had|was|were|been|who) developed)\\b", "created"),
            rule("aims = purpose/goals/objectives/point", "\\b(purpose|goals?|objectives?|point)\\b", "aims"),
            rule("current = at the moment/now", "\\b(at the moment|at present|currently|right now|now)\\b", "current"),
            rule("different = special/unique", "\\b(special|unique|distinctive|stand out)\\b", "different"),
            rule("welcome = encourage/keen", "\\b(encourag(e|ed|es|ing)|keen on|keen)\\b", "welcome"),
            rule("contact = speak/talk to/get in touch", "\\b(speak|talk) (to|with)\\b|\\bget in touch\\b|\\breach out\\b", "contact"),
            rule("questions = queries", "\\b(query|queries|enquiry|enquiries)\\b", "questions"),
            rule("choose = pick/decide", "\\b(pick|picks|picking|decide|decides|deciding)\\b", "choose"),
            rule("selection = chosen/selected", "\\b(chosen|selected|shortlisted for)\\b", "selection"),
            rule("timeline = timetable/schedule", "\\b(timetable|schedule|time ?line|time ?scales?)\\b", "timeline key dates"),
            rule("eligibility = requirements/criteria/qualify", "\\b(entry requirements?|requirements?|criteria|qualify|qualifies)\\b", "eligibility criteria"),
            rule("unsuccessful = turned down/rejected/not get on",
                    "\\b(turned down|rejected|unsuccessful|not successful|(do not|don't|dont|didn't|didnt) get (on|in|a place|through))\\b", "unsuccessful"),
            rule("role = responsibilities/duties/have to do", "\\b(responsibilit(y|ies)|duties|have to do|expected to do|supposed to do)\\b", "role"),
            rule("identify = sort out/arrange/find", "\\b(sorts? out|sorting out|arrang(e|es|ing)|organis(e|es|ing))\\b", "identify"));

    /** Words the rules recognise, so the spelling corrector knows them and can correct towards them. */
    static final Set<String> TRIGGER_WORDS = Set.of("high", "potential", "scheme", "programme", "agenda", "change",
            "integrated", "care", "system", "band", "stream", "transition", "line", "manager", "career", "coach",
            "maternity", "pregnant", "pregnancy", "paternity", "adoption", "parental", "shared", "apply", "applying",
            "applied", "deadline", "closing", "equality", "diversity", "inclusion", "ethnic", "minority", "key",
            "performance", "indicator", "face", "person", "self", "assessment", "work", "based", "drop", "quit", "withdraw",
            "pull", "leave", "long", "years", "months", "duration", "costs", "cost", "fees", "money", "funded", "trust",
            "employer", "comms", "info", "exec", "start", "begin", "kick", "interview", "boss", "first", "second",
            "created", "designed", "built", "devised", "invented", "purpose", "goals", "objectives", "point", "moment",
            "present", "currently", "special", "unique", "encourage", "keen", "speak", "talk", "touch", "query", "queries",
            "enquiry", "pick", "decide", "chosen", "selected", "timetable", "schedule", "timeline", "requirements",
            "criteria", "qualify", "turned", "rejected", "unsuccessful", "responsibilities", "duties", "sort", "arrange",
            "organise");

    private DomainSynonyms() {
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
