package io.paygate.common.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code of a short text (WeChat's {@code weixin://wxpay/bizpayurl?pr=…}), drawn from zxing's
 * module matrix: a PNG with whole pixels per module, or an SVG path. Both keep the 4-module quiet
 * zone scanners need. Error correction M, as WeChat's own cashier QR codes use.
 */
public final class QrCode {

    static final int QUIET_ZONE = 4;

    private final ByteMatrix modules;

    private QrCode(ByteMatrix modules) {
        this.modules = modules;
    }

    public static QrCode of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("nothing to encode");
        }
        try {
            return new QrCode(Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix());
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return modules.getWidth();
    }

    boolean dark(int x, int y) {
        return modules.get(x, y) == 1;
    }

    /** A black-on-white PNG, {@code scale} pixels per module. */
    public byte[] png(int scale) {
        if (scale < 1 || scale > 32) {
            throw new IllegalArgumentException("scale must be 1..32 pixels per module");
        }
        int side = (size() + 2 * QUIET_ZONE) * scale;
        var image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        var graphics = image.createGraphics();
        try {
            graphics.setColor(java.awt.Color.WHITE);
            graphics.fillRect(0, 0, side, side);
            graphics.setColor(java.awt.Color.BLACK);
            for (int y = 0; y < size(); y++) {
                for (int x = 0; x < size(); x++) {
                    if (dark(x, y)) {
                        graphics.fillRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
                    }
                }
            }
        } finally {
            graphics.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A scalable SVG: one unit per module, dark modules as one path of unit squares. */
    public String svg() {
        int side = size() + 2 * QUIET_ZONE;
        var path = new StringBuilder();
        for (int y = 0; y < size(); y++) {
            for (int x = 0; x < size(); x++) {
                if (dark(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" width=\"" + side * 8
                + "\" height=\"" + side * 8 + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
    }
}
