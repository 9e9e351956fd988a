package org.vas.registry.bench;

import org.vas.registry.support.Api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One kept-alive HTTP/1.1 connection to the registry on loopback. A load generator's own cost inflates every
 * figure alike and so flatters every ratio; this client is a socket, a buffer and a header parser, costing far
 * less per request than a general-purpose client, so the ratios say what the server does.
 */
final class HttpConnection implements AutoCloseable {

    /** A response: status, the ETag if any, and the body as text. */
    /** The body stays bytes until asked for: most steps only look at the status, and a page is 80 KB. */
    record Response(int status, String etag, byte[] bytes) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response get(String path, String... headers) throws IOException {
        return send("GET", path, null, headers);
    }

    Response post(String path, String json, String... headers) throws IOException {
        return send("POST", path, json, headers);
    }

    /** Sends one request; a connection the server closed is reopened once. */
    Response send(String method, String path, String json, String... headers) throws IOException {
        byte[] request = request(method, path, json, headers);
        try {
            return exchange(request);
        } catch (IOException e) {
            close();
            return exchange(request);
        }
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            // A rebuild answers when it is done: minutes at a million events. Every other answer takes milliseconds.
            socket.setSoTimeout(900_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }
        out.write(request);
        out.flush();
        return read();
    }

    private byte[] request(String method, String path, String json, String... headers) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\n");
        if (!path.startsWith("/actuator/health")) {
            // The registry needs a credential everywhere but health; the trivial baseline stays unauthenticated.
            head.append("X-API-Key: ").append(Api.ADMIN_KEY).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null || statusLine.length() < 12) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        String etag = null;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("ETag")) {
                etag = value;
            } else if (name.equalsIgnoreCase("Connection")) {
                closing = value.equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            String trailer;
            do {
                trailer = line();
            } while (trailer != null && !trailer.isEmpty());
        } else if (length > 0) {
            body.write(in.readNBytes((int) length));
        }
        if (closing) {
            close();
        }
        return new Response(status, etag, body.toByteArray());
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a socket that is already gone changes nothing.
            }
            socket = null;
        }
    }
}
