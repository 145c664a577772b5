package crm.bulkimport.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP endpoint on loopback that records what it is sent and answers as told. */
final class WebhookReceiver implements AutoCloseable {

  record Received(Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final int lastAnswer;

  private WebhookReceiver(int port, int lastAnswer, int... firstAnswers) {
    this.lastAnswer = lastAnswer;
    for (int answer : firstAnswers) {
      answers.add(answer);
    }
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) ->
                      headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Received(headers, body));
          int answer;
          synchronized (answers) {
            answer = answers.isEmpty() ? this.lastAnswer : answers.poll();
          }
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    server.start();
  }

  /** Answers the first requests with {@code firstAnswers}, then every later one with 200. */
  static WebhookReceiver answering(int... firstAnswers) {
    return new WebhookReceiver(0, 200, firstAnswers);
  }

  static WebhookReceiver alwaysAnswering(int status) {
    return new WebhookReceiver(0, status);
  }

  static WebhookReceiver onPort(int port) {
    return new WebhookReceiver(port, 200);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/imports";
  }

  Received next(Duration wait) throws InterruptedException {
    Received next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new AssertionError("No webhook arrived within " + wait);
    }
    return next;
  }

  int count() {
    return received.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
