package io.querylens.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;

/** The published JSON Schema of reports ({@code reports/querylens-report.schema.json}), for tests to hold us to. */
public final class ReportSchema {
  private static JsonSchema schema;

  private ReportSchema() {}

  /** @return the validation errors of {@code report}, empty if it conforms */
  public static synchronized Set<ValidationMessage> validate(JsonNode report) throws IOException {
    if (schema == null) {
      String path = System.getProperty("querylens.report.schema", "../reports/querylens-report.schema.json");
      try (InputStream in = Files.newInputStream(Paths.get(path))) {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
      }
    }
    return schema.validate(report);
  }
}
