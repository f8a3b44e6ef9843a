package io.strongroom.engine.iam;

/**
 * Draws a QR code as a PNG image: the port through which CreateVirtualMFADevice gets its QRCodePNG,
 * supplied by the server (image encoding is no business of the domain).
 */
@FunctionalInterface
public interface QrCodeRenderer {
    byte[] png(String text);
}
