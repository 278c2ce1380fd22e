package uk.nhs.hps.reflection;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small flowing-text layout on PDFBox: headings, wrapped paragraphs, page breaks and page numbers, in
 * the standard Helvetica fonts (characters they cannot show become '?'). Enough for a readable log.
 */
final class PdfWriter implements AutoCloseable {

    private static final float MARGIN = 56;
    private static final PDRectangle SIZE = PDRectangle.A4;

    final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    final PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);

    private final PDDocument document = new PDDocument();
    private final Map<Character, Boolean> encodable = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    PdfWriter(String title, String author) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(author);
        info.setCreator("HPS Companion");
        newPage();
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

    void text(String text, PDType1Font font, float size) {
        text(text, font, size, 0);
    }

    /** Wrapped text; blank lines in it become paragraph breaks. */
    void text(String text, PDType1Font font, float size, float indent) {
        float leading = size * 1.35f;
        float width = SIZE.getWidth() - 2 * MARGIN - indent;
        for (String paragraph : clean(text).split("\n", -1)) {
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
        write(clean(label), regular, size, MARGIN + 12, y);
        String v = clean(value);
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

    private void write(String line, PDType1Font font, float size, float x, float atY) {
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

    private List<String> wrap(String paragraph, PDType1Font font, float size, float width) {
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

    private float measure(String text, PDType1Font font, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only characters the standard fonts can encode; tabs and odd spaces become spaces. */
    private String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String normalised = text.replace("\r\n", "\n").replace('\t', ' ').replace('\u00A0', ' ');
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (c == '\n') {
                out.append(c);
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else {
                out.append(encodable.computeIfAbsent(c, this::canEncode) ? c : '?');
            }
        }
        return out.toString();
    }

    private boolean canEncode(char c) {
        try {
            regular.encode(String.valueOf(c));
            bold.encode(String.valueOf(c));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
