package uk.nhs.hps.faq;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides what kind of message a free-text turn is before (and around) the FAQ search: small talk gets a short
 * friendly reply, a question about the person's own sponsor, coach or meetings is answered from their records,
 * a question with two parts gets both answers when both are clear, and everything else goes to the index.
 * Pure: no database, no framework, so the benchmark reads questions exactly as the bot does.
 */
public final class FaqReader {

    /** What the bot should do with a message. */
    public enum Kind { SMALL_TALK, PERSONAL, ANSWER, SUGGEST, FALLBACK }

    /** Which of the person's own records a personal question is about. */
    public enum Personal { SPONSOR, COACH, MEETING, ENROLMENT }

    /**
     * @param answers   for ANSWER, one entry, or two for a two-part question
     * @param result    the index's reading of the whole message (absent for small talk and personal questions)
     */
    public record Reading(Kind kind, String reply, Personal personal, List<KnowledgeEntry> answers,
                          Optional<MatchResult> result) {
    }

    private static final String OWN = "(my|mine|me|i)";
    private static final Pattern THANKS = Pattern.compile(
            "^(many )?(thanks|thank you|thank u|thankyou|thanx|thx|ty|cheers|ta)( (very|so) much| a lot| again| loads)?"
                    + "( (bot|hps companion|mate|then))?$");
    private static final String ACK_WORD = "(ok|okay|k|kk|okey dokey|fine|great|cool|nice|nice one|perfect|brilliant|lovely"
            + "|super|got it|noted|understood|right|alright|all right|sounds good|that's great|thats great|that helps"
            + "|that's helpful|helpful|good|yes|no|yep|nope|sure|excellent|awesome|fab|fantastic|smashing)";
    private static final Pattern ACK = Pattern.compile(
            "^" + ACK_WORD + "( " + ACK_WORD + ")?( (thanks|thank you|cheers|ta))?$");
    private static final Pattern ABOUT_YOU = Pattern.compile(
            "^(are you (a )?(bot|robot|human|real|person|ai|computer)|who are you|what are you|are you real)$");
    private static final Pattern BYE = Pattern.compile(
            "^(bye|goodbye|good bye|bye bye|see you|see ya|cya|laters|ttyl|good night|night|take care"
                    + "|have a (good|nice|great) (day|evening|weekend))( (then|now|for now))?$");
    private static final Pattern HELLO = Pattern.compile(
            "^(hello|hi|hey|hiya|yo|morning|afternoon|evening|good (morning|afternoon|evening)|anyone there|is anyone there"
                    + "|are you there|you there|hello anyone there)( there| bot| all| everyone)?$");
    private static final Pattern HOW_ARE_YOU = Pattern.compile(
            "^(how are you|how r u|how are you doing|how's it going|hows it going|you ok|are you ok|how are things)( today)?$");
    private static final Pattern PERSON_WORD = Pattern.compile(
            "\\b(sponsor|sponser|sponsers|sponsors|coach|coaching|meeting|meetings|meet|am i|i'm|im)\\b");
    private static final Pattern MY_COACHING = Pattern.compile(
            "\\b(when|what date|what day)\\b.{0,30}\\bmy (next |first )?coaching( session| meeting| call)?\\b");
    private static final Pattern ENROLLED_IN = Pattern.compile(
            "^(which|what)( [a-z]+){0,2} (am i|i'm|im) (on|in|doing|assigned to)( at the moment| now| currently| right now)?$");
    private static final Pattern WHO_IS_MY = Pattern.compile(
            "\\b(who('?s| is| are|s)?|what('?s| is) the name of|name of|contact details for|email (for|of)|how do i contact"
                    + "|details of|have i got|do i have|have i been (given|assigned|allocated)|been assigned|assigned)\\b.{0,20}\\b"
                    + OWN + "\\b.{0,12}\\b(sponsor|sponser|coach|career coach|careers coach)s?\\b");
    private static final Pattern MY_X_IS_WHO = Pattern.compile(
            "\\bmy (sponsor|sponser|coach|career coach|careers coach)('?s)? (name|email|details|contact)\\b");
    private static final Pattern MY_MEETING = Pattern.compile(
            "\\b(when|what date|what day|have i|did i|is)\\b.{0,30}\\b(my (next |last )?(sponsor |monthly )?(meeting|catch ?up)"
                    + "|next (sponsor )?meeting|i (next )?meet (with )?my (sponsor|sponser|coach)|i met my (sponsor|sponser))");
    private static final Pattern SPLIT = Pattern.compile(
            "\\?\\s+(?=\\S)|[,;]?\\s+(?:and|also|plus|&)\\s+(?=(?:do|does|did|is|are|can|could|will|would|should|how|what|whats"
                    + "|what's|when|who|whos|where|why|which|am|have|has)\\b)");

    private FaqReader() {
    }

    public static Reading read(FaqIndex index, String question) {
        String text = FaqIndex.clean(question).toLowerCase(Locale.ROOT).replace('’', '\'');
        String bare = text.replaceAll("[^\\p{L}\\p{N}' ]+", " ").replaceAll("\\s+", " ").strip();
        Optional<String> chat = smallTalk(bare);
        if (chat.isPresent()) {
            return new Reading(Kind.SMALL_TALK, chat.get(), null, List.of(), Optional.empty());
        }
        Optional<Personal> personal = personal(bare);
        if (personal.isPresent()) {
            return new Reading(Kind.PERSONAL, null, personal.get(), List.of(), Optional.empty());
        }
        MatchResult whole = index.match(question);
        Optional<List<KnowledgeEntry>> both = twoParts(index, text);
        if (both.isPresent()) {
            return new Reading(Kind.ANSWER, null, null, both.get(), Optional.of(whole));
        }
        return switch (whole.outcome()) {
            case ANSWER -> new Reading(Kind.ANSWER, null, null, List.of(whole.top().orElseThrow().entry()), Optional.of(whole));
            case SUGGEST -> new Reading(Kind.SUGGEST, null, null, List.of(), Optional.of(whole));
            case FALLBACK -> new Reading(Kind.FALLBACK, null, null, List.of(), Optional.of(whole));
        };
    }

    /** A friendly reply when the whole message is a greeting, thanks, acknowledgement or goodbye. */
    static Optional<String> smallTalk(String bare) {
        if (bare.isEmpty() || bare.split(" ").length > 7) {
            return Optional.empty();
        }
        if (THANKS.matcher(bare).matches()) {
            return Optional.of("You're welcome! Ask me anything else about the scheme whenever you like.");
        }
        if (ACK.matcher(bare).matches()) {
            return Optional.of("Great. I'm here if you have another question about the scheme.");
        }
        if (BYE.matcher(bare).matches()) {
            return Optional.of("Bye for now. Message me any time you have a question about the scheme.");
        }
        if (HELLO.matcher(bare).matches()) {
            return Optional.of("Hello! I'm here. Ask me a question about the High Potential Scheme, or type **help** to see"
                    + " what else I can do.");
        }
        if (ABOUT_YOU.matcher(bare).matches()) {
            return Optional.of("I'm HPS Companion, the High Potential Scheme's bot: I answer questions about the scheme from"
                    + " its published documents. For anything I can't answer, the programme team can help.");
        }
        if (HOW_ARE_YOU.matcher(bare).matches()) {
            return Optional.of("I'm well, thanks for asking! What would you like to know about the scheme?");
        }
        return Optional.empty();
    }

    /** A question about the person's own sponsor, coach or meetings (not how sponsors or coaches work in general). */
    static Optional<Personal> personal(String bare) {
        if (!PERSON_WORD.matcher(bare).find()) {
            return Optional.empty();
        }
        if (MY_COACHING.matcher(bare).find()) {
            return Optional.of(Personal.COACH);
        }
        if (MY_MEETING.matcher(bare).find()) {
            return Optional.of(Personal.MEETING);
        }
        if (ENROLLED_IN.matcher(bare).matches()) {
            return Optional.of(Personal.ENROLMENT);
        }
        java.util.regex.Matcher who = WHO_IS_MY.matcher(bare);
        java.util.regex.Matcher mine = MY_X_IS_WHO.matcher(bare);
        String role = who.find() ? who.group(who.groupCount()) : mine.find() ? mine.group(1) : null;
        if (role == null) {
            return Optional.empty();
        }
        return Optional.of(role.contains("coach") ? Personal.COACH : Personal.SPONSOR);
    }

    /**
     * Splits "how long is it and do I get time off?" into its parts; when each part on its own gets a confident
     * answer, and the two answers differ, both are given.
     */
    static Optional<List<KnowledgeEntry>> twoParts(FaqIndex index, String text) {
        String[] parts = SPLIT.split(text.strip(), 3);
        if (parts.length != 2 || words(parts[0]) < 2 || words(parts[1]) < 2) {
            return Optional.empty();
        }
        List<KnowledgeEntry> answers = new ArrayList<>();
        for (String part : parts) {
            MatchResult r = index.match(part);
            if (r.outcome() != MatchResult.Outcome.ANSWER) {
                return Optional.empty();
            }
            answers.add(r.top().orElseThrow().entry());
        }
        return answers.get(0).id().equals(answers.get(1).id()) ? Optional.empty() : Optional.of(answers);
    }

    private static int words(String s) {
        String t = s.replaceAll("[^\\p{L}\\p{N} ]+", " ").strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
