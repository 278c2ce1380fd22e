package uk.nhs.hps.talent;

import io.micronaut.core.annotation.Nullable;
import uk.nhs.hps.console.UkTime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The talent pages' template models, from {@link ReviewingTalent}'s outcome records: words, UK dates, the picture. */
final class TalentConsoleModels {

    /** Heat classes 0 (none) to 4 (the largest box), so the colour follows the count it sits behind. */
    static final int HEAT_LEVELS = 4;
    private static final int CELL = 40;
    private static final int LEFT = 120;
    private static final int TOP = 120;

    private TalentConsoleModels() {
    }

    static Map<String, Object> heatMap(ReviewingTalent.HeatMap h) {
        Map<String, Object> m = scope(h.scope());
        m.put("tab", "heatmap");
        m.put("streams", List.of(option(ReviewingTalent.ALL, "All streams", h.stream()), option("1", "Stream 1", h.stream()),
                option("2", "Stream 2", h.stream()), option(ReviewingTalent.NONE, "No stream on the roster", h.stream())));
        List<Map<String, Object>> organisations = new ArrayList<>();
        organisations.add(option(ReviewingTalent.ALL, "All organisations", h.organisation()));
        h.organisations().forEach(o -> organisations.add(option(o, o, h.organisation())));
        organisations.add(option(ReviewingTalent.NONE, "No organisation on the roster", h.organisation()));
        m.put("organisations", organisations);
        m.put("stream", h.stream());
        m.put("organisation", h.organisation());
        m.put("filterText", (h.stream().equals(ReviewingTalent.ALL) ? "all streams" : h.stream().equals(ReviewingTalent.NONE)
                ? "no stream on the roster" : "stream " + h.stream()) + ", " + (h.organisation().equals(ReviewingTalent.ALL)
                ? "all organisations" : h.organisation().equals(ReviewingTalent.NONE) ? "no organisation on the roster" : h.organisation()));
        m.put("grid", grid(h.axes()));
        m.put("performance", h.axes().performance());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < h.rows().size(); i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("potential", h.axes().potential().get(i));
            row.put("cells", h.rows().get(i).stream().map(c -> {
                Map<String, Object> cell = new HashMap<>();
                cell.put("box", c.box());
                cell.put("label", c.label());
                cell.put("count", c.count());
                cell.put("heat", c.count() == 0 ? 0 : Math.max(1, (int) Math.round(c.share() * HEAT_LEVELS)));
                return cell;
            }).toList());
            rows.add(row);
        }
        m.put("rows", rows);
        m.put("participants", h.participants());
        m.put("placed", h.placed());
        m.put("notPlaced", h.participants() - h.placed());
        return m;
    }

    static Map<String, Object> movement(ReviewingTalent.Movement mv) {
        Map<String, Object> m = scope(mv.scope());
        m.put("tab", "movement");
        m.put("from", mv.from());
        m.put("to", mv.to());
        m.put("fromCycles", mv.scope().cycles().stream().map(c -> option(c, c, mv.from())).toList());
        m.put("toCycles", mv.scope().cycles().stream().map(c -> option(c, c, mv.to())).toList());
        m.put("grid", grid(mv.toAxes()));
        List<String> keys = new ArrayList<>(mv.boxes());
        keys.add(ReviewingTalent.Movement.NOT_PLACED);
        m.put("columns", keys.stream().map(k -> label(mv.toAxes(), k)).toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        int most = 0;
        for (String a : keys) {
            for (String b : keys) {
                most = Math.max(most, mv.count(a, b));
            }
        }
        List<Map<String, Object>> circles = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String a = keys.get(i);
            Map<String, Object> row = new HashMap<>();
            row.put("label", label(mv.fromAxes(), a));
            row.put("key", a);
            List<Map<String, Object>> counts = new ArrayList<>();
            int total = 0;
            for (int j = 0; j < keys.size(); j++) {
                String b = keys.get(j);
                int n = mv.count(a, b);
                counts.add(Map.of("to", b, "n", n, "same", i == j));
                total += n;
                if (n > 0) {
                    circles.add(circle(mv, a, b, i, j, n, most));
                }
            }
            row.put("counts", counts);
            row.put("total", total);
            rows.add(row);
        }
        m.put("rows", rows);
        List<Integer> totals = new ArrayList<>();
        for (String b : keys) {
            totals.add(keys.stream().mapToInt(a -> mv.count(a, b)).sum());
        }
        m.put("totals", totals);
        m.put("participants", mv.participants());
        m.put("up", mv.up());
        m.put("same", mv.same());
        m.put("down", mv.down());
        m.put("across", mv.across());
        m.put("firstPlaced", mv.firstPlaced());
        m.put("noLongerPlaced", mv.noLongerPlaced());
        m.put("neither", mv.neither());
        m.put("summary", mv.up() + " moved up, " + mv.same() + " stayed in the same box, " + mv.down() + " moved down and "
                + mv.across() + " moved across, between " + mv.from() + " and " + mv.to() + ".");
        // the picture: a cell per from→to pair, a circle whose area is the count; drawn here, so the page has no script
        int size = keys.size() * CELL;
        m.put("svgWidth", LEFT + size + 10);
        m.put("svgHeight", TOP + size + 10);
        m.put("circles", circles);
        List<Map<String, Object>> rowLabels = new ArrayList<>();
        List<Map<String, Object>> columnLabels = new ArrayList<>();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            rowLabels.add(Map.of("x", LEFT - 6, "y", TOP + i * CELL + CELL / 2 + 4, "text", shortLabel(mv.fromAxes(), keys.get(i))));
            int x = LEFT + i * CELL + CELL / 2;
            columnLabels.add(Map.of("x", x, "y", TOP - 6, "text", shortLabel(mv.toAxes(), keys.get(i)),
                    "transform", "rotate(-50 " + x + " " + (TOP - 6) + ")"));
        }
        for (int i = 0; i <= keys.size(); i++) {
            lines.add(Map.of("x1", LEFT, "y1", TOP + i * CELL, "x2", LEFT + size, "y2", TOP + i * CELL));
            lines.add(Map.of("x1", LEFT + i * CELL, "y1", TOP, "x2", LEFT + i * CELL, "y2", TOP + size));
        }
        m.put("rowLabels", rowLabels);
        m.put("columnLabels", columnLabels);
        m.put("lines", lines);
        m.put("diagonal", java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> Map.of("x", LEFT + i * CELL, "y", TOP + i * CELL,
                "size", CELL)).toList());
        return m;
    }

    private static Map<String, Object> circle(ReviewingTalent.Movement mv, String a, String b, int row, int column, int n, int most) {
        String kind;
        if (a.equals(ReviewingTalent.Movement.NOT_PLACED) || b.equals(ReviewingTalent.Movement.NOT_PLACED)) {
            kind = "none";
        } else {
            kind = switch (TalentReports.movement(mv.grid(), a, b)) {
                case "UP" -> "up";
                case "DOWN" -> "down";
                case "SAME" -> "same";
                default -> "across";
            };
        }
        Map<String, Object> c = new HashMap<>();
        c.put("cx", LEFT + column * CELL + CELL / 2);
        c.put("cy", TOP + row * CELL + CELL / 2);
        c.put("r", String.format(Locale.ROOT, "%.1f", Math.max(4.0, Math.sqrt((double) n / most) * (CELL / 2.0 - 2))));
        c.put("kind", kind);
        c.put("count", n);
        c.put("textY", TOP + row * CELL + CELL / 2 + 4);
        c.put("title", label(mv.fromAxes(), a) + " to " + label(mv.toAxes(), b) + ": " + n);
        return c;
    }

    static Map<String, Object> queue(ReviewingTalent.Queue q) {
        Map<String, Object> m = scope(q.scope());
        m.put("tab", "queue");
        m.put("moderation", q.awaitingModeration().stream().map(TalentConsoleModels::item).toList());
        m.put("feedback", q.awaitingFeedback().stream().map(TalentConsoleModels::item).toList());
        return m;
    }

    private static Map<String, Object> item(ReviewingTalent.QueueItem i) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", i.reviewId());
        m.put("name", i.participantName());
        m.put("sponsor", i.sponsorName() == null ? "No sponsor recorded" : i.sponsorName());
        m.put("agreed", i.agreedLabel() == null ? "Not recorded" : i.agreedLabel());
        m.put("agreedAt", i.agreedAt() == null ? "" : UkTime.dateTime(i.agreedAt()));
        m.put("moderatedAt", i.moderatedAt() == null ? "" : UkTime.dateTime(i.moderatedAt()));
        m.put("participant", proposal(i.participant()));
        m.put("sponsorProposal", proposal(i.sponsor()));
        m.put("status", i.status());
        return m;
    }

    private static Map<String, Object> proposal(ReviewingTalent.Proposal p) {
        Map<String, Object> m = new HashMap<>();
        m.put("submitted", p.submitted());
        m.put("box", p.boxLabel() == null ? "No box proposed" : p.boxLabel());
        m.put("performance", p.performance() == null ? "Not rated" : p.performance());
        m.put("evidence", p.evidence().stream().map(e -> Map.of("area", e.area(), "rating", e.rating() == null ? "Not rated" : e.rating(),
                "text", e.text().isBlank() ? "No evidence given." : e.text())).toList());
        return m;
    }

    static Map<String, Object> outstanding(ReviewingTalent.Outstanding o) {
        Map<String, Object> m = scope(o.scope());
        m.put("tab", "outstanding");
        m.put("opened", UkTime.date(o.cycleOpened()));
        m.put("daysOpen", days(o.daysSinceOpened()));
        m.put("rows", o.conversations().stream().map(c -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", c.participantId());
            row.put("name", c.participantName());
            row.put("sponsor", c.sponsorName() == null ? "No current sponsor" : c.sponsorName());
            row.put("stage", stage(c.stage()));
            row.put("last", c.lastActivity() == null ? "Nothing yet" : UkTime.dateTime(c.lastActivity()));
            row.put("since", c.daysSinceActivity() == null ? days(o.daysSinceOpened()) + " (since the cycle opened)"
                    : days(c.daysSinceActivity()));
            return row;
        }).toList());
        return m;
    }

    static String stage(String stage) {
        return switch (stage) {
            case "NOT_STARTED" -> "Not started";
            case "PARTICIPANT_PREPARING" -> "Participant preparing";
            case "AWAITING_SPONSOR" -> "Waiting for the sponsor's input";
            case "AWAITING_AGREEMENT" -> "Waiting for both to confirm the outcome";
            default -> stage;
        };
    }

    private static String days(long n) {
        return n == 0 ? "Today" : n == 1 ? "1 day" : n + " days";
    }

    private static Map<String, Object> scope(ReviewingTalent.Scope s) {
        Map<String, Object> m = new HashMap<>();
        m.put("cohort", Map.of("id", s.cohortId(), "name", s.cohortName()));
        m.put("cohorts", s.cohorts().stream().map(c -> option(String.valueOf(c.id()), c.name(), String.valueOf(s.cohortId()))).toList());
        m.put("cycle", s.cycle());
        m.put("cycles", s.cycles().stream().map(c -> option(c, c, s.cycle())).toList());
        return m;
    }

    private static String grid(ReviewingTalent.Axes a) {
        return "Labels from the grid " + a.source() + " (version " + a.version() + ").";
    }

    private static String label(ReviewingTalent.Axes a, String key) {
        return key.equals(ReviewingTalent.Movement.NOT_PLACED) ? "Not placed" : a.boxLabels().getOrDefault(key, key);
    }

    private static String shortLabel(ReviewingTalent.Axes a, String key) {
        return key.equals(ReviewingTalent.Movement.NOT_PLACED) ? "Not placed" : a.shortLabels().getOrDefault(key, key);
    }

    private static Map<String, Object> option(String value, String label, @Nullable String selected) {
        return Map.of("value", value, "label", label, "selected", value.equals(selected));
    }
}
