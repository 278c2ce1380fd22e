package uk.nhs.hps.reflection;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small flowing-text layout on PDFBox: headings, wrapped paragraphs, page breaks and page numbers, in
 * DejaVu Sans (shipped in {@code resources/fonts} with its licence, embedded as a subset), so names such as
 * "Zoë" and "Łukasz" and signs such as "≥" and "→" print as typed. What the font has no glyph for (most
 * emoji) is written as its Unicode name in brackets, "[party popper]", never as '?' or a box; emoji
 * modifiers and joiners that only shape the picture are dropped.
 */
final class PdfWriter implements AutoCloseable {

    private static final float MARGIN = 56;
    private static final PDRectangle SIZE = PDRectangle.A4;
    private static final Map<String, byte[]> FONT_FILES = new ConcurrentHashMap<>();

    final PDFont regular;
    final PDFont bold;
    final PDFont italic;

    private final PDDocument document = new PDDocument();
    private final Map<PDFont, TrueTypeFont> glyphs = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfWriter(String title, String author) {
        regular = font("DejaVuSans.ttf");
        bold = font("DejaVuSans-Bold.ttf");
        italic = font("DejaVuSans-Oblique.ttf");
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(author);
        info.setCreator("HPS Companion");
        newPage();
    }

    /** One of the shipped fonts, parsed for this document (PDFBox closes it with the document). */
    private PDFont font(String file) {
        byte[] bytes = FONT_FILES.computeIfAbsent(file, PdfWriter::read);
        try {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            PDFont font = PDType0Font.load(document, ttf, true);
            glyphs.put(font, ttf);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String file) {
        try (InputStream in = PdfWriter.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Font not on the classpath: fonts/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(SIZE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = SIZE.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void space(float points) {
        y -= points;
    }

    /** Moves down to a fraction of the page height (for a title page). */
    void moveTo(float fractionFromTop) {
        y = SIZE.getHeight() * (1 - fractionFromTop);
    }

    void text(String text, PDFont font, float size) {
        text(text, font, size, 0);
    }

    /** Wrapped text; blank lines in it become paragraph breaks. */
    void text(String text, PDFont font, float size, float indent) {
        float leading = size * 1.35f;
        float width = SIZE.getWidth() - 2 * MARGIN - indent;
        for (String paragraph : clean(text, font).split("\n", -1)) {
            List<String> lines = wrap(paragraph, font, size, width);
            for (String line : lines) {
                if (y - leading < MARGIN + 20) {
                    newPage();
                }
                y -= leading;
                write(line, font, size, MARGIN + indent, y);
            }
        }
    }

    /** Keeps a heading with at least a few lines of what follows it. */
    void keepTogether(float points) {
        if (y - points < MARGIN + 20) {
            newPage();
        }
    }

    /** Two columns: a label and a right-aligned value, on one line. */
    void row(String label, String value, float size) {
        if (y - size * 1.35f < MARGIN + 20) {
            newPage();
        }
        y -= size * 1.35f;
        String l = clean(label, regular);
        write(l, regular, size, MARGIN + 12, y);
        String v = clean(value, bold);
        if (MARGIN + 12 + measure(l, regular, size) + size + measure(v, bold, size) > SIZE.getWidth() - MARGIN) {
            // a long label: the value goes on the next line rather than over the label
            if (y - size * 1.35f < MARGIN + 20) {
                newPage();
            }
            y -= size * 1.35f;
        }
        write(v, bold, size, SIZE.getWidth() - MARGIN - measure(v, bold, size), y);
    }

    byte[] finish() {
        try {
            content.close();
            content = null;
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(document, document.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String label = "Page " + (i + 1) + " of " + pages;
                    footer.beginText();
                    footer.setFont(regular, 9);
                    footer.newLineAtOffset((SIZE.getWidth() - measure(label, regular, 9)) / 2, MARGIN / 2);
                    footer.showText(label);
                    footer.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (content != null) {
                content.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String line, PDFont font, float size, float x, float atY) {
        try {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, atY);
            content.showText(line);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> wrap(String paragraph, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            // a word wider than the line is cut, so nothing runs off the page
            while (measure(word, font, size) > width && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && measure(word.substring(0, cut), font, size) > width) {
                    cut--;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (measure(candidate, font, size) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private float measure(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Only what the font can draw: tabs and odd spaces become spaces, controls become spaces, emoji shaping
     * characters go, and anything else the font lacks becomes its Unicode name, "[party popper]".
     */
    String clean(String text, PDFont font) {
        TrueTypeFont ttf = glyphs.get(font);
        StringBuilder out = new StringBuilder(text.length());
        String normalised = text.replace("\r\n", "\n").replace('\t', ' ').replace('\u00A0', ' ');
        normalised.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (Character.isISOControl(cp)) {
                out.append(' ');
            } else if (shapesAnEmoji(cp)) {
                // variation selectors, zero-width joiners, skin tones: part of a picture, nothing to print
            } else if (hasGlyph(ttf, cp)) {
                out.appendCodePoint(cp);
            } else {
                String name = Character.getName(cp);
                out.append('[').append(name == null ? String.format("U+%04X", cp) : name.toLowerCase(Locale.ROOT)).append(']');
            }
        });
        return out.toString();
    }

    private static boolean shapesAnEmoji(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF)
                || (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3;
    }

    private static boolean hasGlyph(TrueTypeFont ttf, int cp) {
        try {
            return ttf.getUnicodeCmapLookup().getGlyphId(cp) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
