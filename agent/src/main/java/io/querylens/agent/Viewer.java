package io.querylens.agent;

import io.querylens.agent.config.AgentConfig;
import io.querylens.agent.report.ReportWriter;
import io.querylens.agent.ui.ViewerServer;
import org.slf4j.Logger;

/** Starts the live viewer ({@code ui.port}) off the main thread, so that it adds nothing to start-up. */
final class Viewer {
  private Viewer() {}

  static void startInBackground(AgentConfig config, ReportWriter writer, Logger log) {
    int port = config.get(AgentConfig.UI_PORT);
    String host = config.get(AgentConfig.UI_HOST);
    if (writer == null) {
      log.warn("querylens: the viewer (ui.port={}) is off: it shows the reports, and reports are off (see above)",
          port);
      return;
    }
    // A daemon thread, so that the HTTP server's own thread, which inherits it, is one too.
    Thread starter = new Thread(() -> {
      try {
        ViewerServer server = ViewerServer.start(host, port, writer.directory(),
            config.get(AgentConfig.REPORTS_MAX_FILES), writer::onWritten);
        log.info("QueryLens viewer: {}", server.url());
      } catch (Throwable failure) {
        log.warn("querylens: the viewer is off: it cannot listen on ui.host={} ui.port={}: {}", host, port,
            failure.toString());
      }
    }, "querylens-viewer-start");
    starter.setDaemon(true);
    starter.start();
  }
}
