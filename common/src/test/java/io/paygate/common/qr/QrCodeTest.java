package io.paygate.common.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** zxing's core decodes what we draw: PNG pixels directly, SVG after drawing its path's squares. */
class QrCodeTest {

    private static final String CODE_URL = "weixin://wxpay/bizpayurl?pr=aB3dE5fGz";

    @Test
    void thePngDecodesBackToTheCodeUrl() throws Exception {
        var qr = QrCode.of(CODE_URL);

        byte[] png = qr.png(4);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo((qr.size() + 2 * QrCode.QUIET_ZONE) * 4).isEqualTo(image.getHeight());
        assertThat(decode(image)).isEqualTo(CODE_URL);
    }

    @Test
    void theSvgHasTheQuietZoneOneSquarePerDarkModuleAndDecodesBack() throws Exception {
        var qr = QrCode.of(CODE_URL);
        int side = qr.size() + 2 * QrCode.QUIET_ZONE;

        String svg = qr.svg();

        assertThat(svg).contains("viewBox=\"0 0 " + side + " " + side + "\"");
        var squares = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        int scale = 4;
        var image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, side * scale, side * scale);
        g.setColor(java.awt.Color.BLACK);
        int count = 0;
        while (squares.find()) {
            int x = Integer.parseInt(squares.group(1));
            int y = Integer.parseInt(squares.group(2));
            assertThat(x).isBetween(QrCode.QUIET_ZONE, side - QrCode.QUIET_ZONE - 1);
            assertThat(y).isBetween(QrCode.QUIET_ZONE, side - QrCode.QUIET_ZONE - 1);
            assertThat(qr.dark(x - QrCode.QUIET_ZONE, y - QrCode.QUIET_ZONE)).isTrue();
            g.fillRect(x * scale, y * scale, scale, scale);
            count++;
        }
        g.dispose();
        assertThat(count).isEqualTo(darkModules(qr));
        assertThat(decode(image)).isEqualTo(CODE_URL);
    }

    @Test
    void aCodeUrlFitsASmallVersion() {
        // scanners read a 33x33 (version 4) code easily from a phone screen
        assertThat(QrCode.of(CODE_URL).size()).isLessThanOrEqualTo(33);
    }

    private static int darkModules(QrCode qr) {
        int n = 0;
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                n += qr.dark(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    private static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
