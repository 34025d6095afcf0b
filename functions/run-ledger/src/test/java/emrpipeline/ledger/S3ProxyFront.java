package emrpipeline.ledger;
// Forced copy: every module that runs S3Proxy has this file, identical apart from the package line (statemachine's ForcedCopiesTest).

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A front for S3Proxy that hands it each request whole, so that S3Proxy answers only after the whole request has
 * arrived. S3Proxy 4.1.0 (Jetty) answers a PUT it refuses on its headers (a 412 for a
 * failed If-Match / If-None-Match) before it has read the body, then closes the connection; a client still writing
 * the body then fails with "Error writing request body to server" (or finds the connection closed on its next
 * request), the SDK retries, and a test that provokes many 412s ends up with failures that depend on timing (the
 * client's retry budget runs out). The front reads each request (headers and {@code Content-Length} body) from the
 * client, sends it to S3Proxy in one write on a fresh connection with {@code Connection: close}, and relays the
 * answer with {@code Connection: close}: one request per connection, no reuse, no race.
 */
final class S3ProxyFront implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket server;
    private final int upstreamPort;

    /** A front on an ephemeral loopback port for the S3Proxy listening on {@code upstreamPort}. */
    S3ProxyFront(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "s3proxy-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where clients send their requests. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread relay = new Thread(() -> relay(client), "s3proxy-front-connection");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return; // the client closed the connection without a request
            }
            boolean expectsContinue = false;
            long length = 0;
            StringBuilder forwarded = new StringBuilder();
            String[] lines = head.split("\r\n");
            forwarded.append(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> throw new IOException("chunked request bodies are not relayed: " + lines[0]);
                    case "expect" -> expectsContinue = "100-continue".equalsIgnoreCase(value);
                    default -> { }
                }
                if (!name.equals("connection") && !name.equals("expect")) {
                    forwarded.append(lines[i]).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            OutputStream toClient = client.getOutputStream();
            if (expectsContinue) {
                toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                toClient.flush();
            }
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            request.write(in.readNBytes(Math.toIntExact(length)));
            byte[] answer;
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                upstream.getOutputStream().write(request.toByteArray());
                upstream.getOutputStream().flush();
                answer = upstream.getInputStream().readAllBytes(); // S3Proxy closes after answering: Connection: close
            }
            toClient.write(withConnectionClose(answer));
            toClient.flush();
        } catch (IOException | RuntimeException e) {
            // the client sees the connection close without an answer: an I/O error, as from a real server
        }
    }

    /** The answer with a {@code Connection: close} header (added when S3Proxy did not send one). */
    private static byte[] withConnectionClose(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || text.substring(0, end).toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
            return answer;
        }
        return (text.substring(0, end) + "\r\nConnection: close" + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request line and header fields, without the blank line; null when the stream ends first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
