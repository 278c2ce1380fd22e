package uk.nhs.hps.console;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Draws each page of a report PDF as a PNG under target/console-screenshots/, to look at (legible, nothing cut). */
final class ReportPdfPictures {

    private ReportPdfPictures() {
    }

    static void render(PDDocument document, String name) throws IOException {
        Path dir = Path.of("target", "console-screenshots");
        Files.createDirectories(dir);
        PDFRenderer renderer = new PDFRenderer(document);
        for (int i = 0; i < document.getNumberOfPages(); i++) {
            ImageIO.write(renderer.renderImageWithDPI(i, 110, ImageType.RGB), "png",
                    dir.resolve(name + "-page" + (i + 1) + ".png").toFile());
        }
    }
}
