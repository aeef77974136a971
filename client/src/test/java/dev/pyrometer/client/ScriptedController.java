package dev.pyrometer.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real small HTTP server in the controller's place, for answers a real controller will not give (an
 * older version's, a chosen comparison): a wrong token gets 401, any other request the test's answer.
 */
final class ScriptedController implements AutoCloseable {
    /** What to send back: no Content-Type when {@code contentType} is null, no body when it is empty. */
    record Answer(int status, String contentType, String body) {
    }

    /** The test's side: the answer to one authorised request. */
    @FunctionalInterface
    interface Script {
        Answer answer(HttpExchange request);
    }

    private final HttpServer server;
    private final String token;

    private ScriptedController(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Serves the requests under {@code path}, on a free port of the loopback interface. */
    static ScriptedController start(String path, String token, Script script) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            boolean authorized = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            Answer answer = authorized ? script.answer(exchange) : new Answer(401, null, "");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new ScriptedController(server, token);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The client pointed at this server with the token it accepts. */
    Cli cli() {
        return Cli.against(url(), token);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
