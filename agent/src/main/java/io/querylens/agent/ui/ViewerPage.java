package io.querylens.agent.ui;

import io.querylens.agent.view.EndpointStats;
import io.querylens.agent.view.ReportFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The viewer's one page: HTML, CSS and script in one resource, {@code viewer.html}, with nothing fetched from
 * anywhere else, so that a written copy opens offline. The data goes into a {@code <script type="application/json">}
 * element: the reports themselves for a written page, {@code null} for the live one, which then asks the agent.
 */
public final class ViewerPage {
  /** Nothing but the page's own inline style and script, and no network for a written page. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
  /** The live page asks its own server for reports. */
  static final String LIVE_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY + "; connect-src 'self'";
  private static final String DATA_PLACEHOLDER = "\"__QUERYLENS_DATA__\"";
  private static final String POLICY_PLACEHOLDER = "__QUERYLENS_CSP__";

  private static volatile String template;

  private ViewerPage() {}

  /** The page the agent serves: it loads and follows the reports of its JVM. */
  static String live() {
    return withData("null", LIVE_CONTENT_SECURITY_POLICY);
  }

  /** A page holding every report of {@code folder}, which needs nothing but a browser. */
  public static String of(ReportFolder folder) {
    List<ViewerData.Numbered> requests = new ArrayList<>(folder.reports().size());
    for (int i = 0; i < folder.reports().size(); i++) {
      requests.add(new ViewerData.Numbered(i + 1, folder.reports().get(i)));
    }
    String data = ViewerData.json(folder.directory().toString(), EndpointStats.worstFirst(folder.reports()),
        requests, requests.size(), folder.skipped());
    return withData(data, CONTENT_SECURITY_POLICY);
  }

  private static String withData(String json, String policy) {
    String page = template();
    int at = page.indexOf(DATA_PLACEHOLDER);
    // The policy is in the head, before the data, which may be megabytes long and is left untouched.
    String head = page.substring(0, at).replace(POLICY_PLACEHOLDER, policy);
    return new StringBuilder(page.length() + json.length())
        .append(head).append(json).append(page, at + DATA_PLACEHOLDER.length(), page.length())
        .toString();
  }

  private static String template() {
    String page = template;
    if (page == null) {
      try (InputStream in = ViewerPage.class.getResourceAsStream("viewer.html")) {
        if (in == null) {
          throw new IllegalStateException("viewer.html is missing from the agent jar");
        }
        page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException unreadable) {
        throw new UncheckedIOException(unreadable);
      }
      template = page;
    }
    return page;
  }
}
