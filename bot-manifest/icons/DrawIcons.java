import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws the Teams app icons for HPS Companion.
 *
 * <ul>
 *   <li>{@code color.png}: 192x192, an NHS blue rounded square with a white speech bubble carrying "HPS".</li>
 *   <li>{@code outline.png}: 32x32, the same speech bubble as a white outline on a transparent background.
 *       Teams requires every pixel of the outline icon to be white or fully transparent, so it is drawn
 *       without anti-aliasing and then snapped to exactly those two values.</li>
 * </ul>
 *
 * Run from the repository root: {@code java bot-manifest/icons/DrawIcons.java bot-manifest}
 */
public class DrawIcons {

    static final Color NHS_BLUE = new Color(0x005EB8);
    static final int WHITE = 0xFFFFFFFF;
    static final int TRANSPARENT = 0x00000000;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bot-manifest");
        Files.createDirectories(out);
        ImageIO.write(color(), "png", out.resolve("color.png").toFile());
        ImageIO.write(outline(), "png", out.resolve("outline.png").toFile());
        System.out.println("Wrote " + out.resolve("color.png") + " and " + out.resolve("outline.png"));
    }

    /** A speech bubble: a rounded body with a tail at the bottom left. */
    static Shape bubble(double x, double y, double w, double h, double radius, double tailWidth, double tailDrop) {
        Area area = new Area(new RoundRectangle2D.Double(x, y, w, h, radius * 2, radius * 2));
        Path2D tail = new Path2D.Double();
        double tailLeft = x + w * 0.18;
        tail.moveTo(tailLeft, y + h - radius * 0.5);
        tail.lineTo(tailLeft + tailWidth, y + h - radius * 0.5);
        tail.lineTo(tailLeft - tailWidth * 0.15, y + h + tailDrop);
        tail.closePath();
        area.add(new Area(tail));
        return area;
    }

    static BufferedImage color() {
        int size = 192;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

        g.setColor(NHS_BLUE);
        g.fill(new RoundRectangle2D.Double(0, 0, size, size, 48, 48));

        // The mark sits inside the central safe area Teams recommends for the colour icon.
        Shape bubble = bubble(30, 42, 132, 92, 26, 30, 30);
        g.setColor(Color.WHITE);
        g.fill(bubble);

        g.setColor(NHS_BLUE);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 48);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        String text = "HPS";
        int textX = 30 + (132 - metrics.stringWidth(text)) / 2;
        int textY = 42 + (92 - metrics.getAscent() - metrics.getDescent()) / 2 + metrics.getAscent();
        g.drawString(text, textX, textY);
        g.dispose();
        return image;
    }

    static BufferedImage outline() {
        int size = 32;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(bubble(4, 5, 24, 17, 5, 6, 5));
        // three "typing" dots inside the bubble
        for (int dot = 0; dot < 3; dot++) {
            g.fillRect(10 + dot * 5, 12, 3, 3);
        }
        g.dispose();

        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                image.setRGB(x, y, alpha >= 128 ? WHITE : TRANSPARENT);
            }
        }
        return image;
    }
}
