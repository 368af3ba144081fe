package io.k8j.bench;

import io.k8j.api.Json;

import java.io.IOException;
import java.util.List;

/** Prints phase results as Markdown table rows, optionally writes them as JSON; says whether all passed. */
final class Report {
    private Report() {
    }

    /** Returns the exit code: 0 when no operation failed, 1 otherwise. */
    static int print(List<PhaseResult> results, CommonOptions options) throws IOException {
        if (!options.noHeader) {
            System.out.println(PhaseResult.MARKDOWN_HEADER);
        }
        results.forEach(r -> System.out.println(r.markdownRow()));
        if (options.json != null) {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(options.json.toFile(),
                    results.stream().map(PhaseResult::toJson).toList());
        }
        int errors = results.stream().mapToInt(PhaseResult::errors).sum();
        if (errors > 0) {
            System.err.println(errors + " operations failed");
        }
        return errors == 0 ? 0 : 1;
    }
}
