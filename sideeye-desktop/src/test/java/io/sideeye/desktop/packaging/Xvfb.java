package io.sideeye.desktop.packaging;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A virtual X display for the packaged app, which runs with its real (GTK) toolkit. Xvfb picks a
 * free display number itself ({@code -displayfd}) and keeps its screen in a file ({@code -fbdir}),
 * from which a screenshot is read: nothing else needs installing.
 */
final class Xvfb implements AutoCloseable {
    private final Process process;
    private final String display;
    private final Path screen;

    private Xvfb(Process process, String display, Path screen) {
        this.process = process;
        this.display = display;
        this.screen = screen;
    }

    static Xvfb start(Path dir) throws IOException {
        Process process = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                "-fbdir", dir.toString(), "-nolisten", "tcp")
                .redirectError(dir.resolve("xvfb.log").toFile()).start();
        String number = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (number == null || number.isBlank()) {
            process.destroyForcibly();
            throw new IOException("Xvfb did not start; see " + dir.resolve("xvfb.log") + " (install it: apt-get install xvfb)");
        }
        return new Xvfb(process, ":" + number.trim(), dir.resolve("Xvfb_screen0"));
    }

    String display() {
        return display;
    }

    /** The screen as it is now (Xvfb's XWD frame buffer, 24-bit TrueColor). */
    BufferedImage screenshot() throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(screen)).order(ByteOrder.BIG_ENDIAN);
        int headerSize = file.getInt(0);
        int width = file.getInt(16);
        int height = file.getInt(20);
        boolean lsbFirst = file.getInt(28) == 0;
        int bitsPerPixel = file.getInt(44);
        int bytesPerLine = file.getInt(48);
        int colours = file.getInt(76);
        if (bitsPerPixel != 32) {
            throw new IOException("unexpected XWD pixel size " + bitsPerPixel);
        }
        int offset = headerSize + colours * 12;
        file.order(lsbFirst ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, file.getInt(offset + y * bytesPerLine + x * 4) & 0xffffff);
            }
        }
        return image;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
