package io.brook.protocol.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the message classes of {@code io.brook.protocol.message} from the spec files. The
 * output is committed; {@code GeneratedSourcesAreCurrentTest} fails when it differs from what the
 * specs generate. Run {@code main} with the spec and output directories to regenerate.
 */
public final class ProtocolGenerator {
    public static final Path SPEC_DIR = Path.of("src/main/spec");
    static final Path OUTPUT_DIR = Path.of("src/main/java/io/brook/protocol/message");

    private ProtocolGenerator() {
    }

    /** Regenerates into the output directory, replacing every file there. Paths are relative to {@code protocol/}. */
    public static void main(String[] args) throws IOException {
        Map<String, String> sources = generate(SPEC_DIR);
        try (Stream<Path> old = Files.list(OUTPUT_DIR)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(OUTPUT_DIR.resolve(source.getKey()), source.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("Generated " + sources.size() + " files into " + OUTPUT_DIR);
    }

    /** File name to Java source, for every spec in {@code specDir}. */
    static Map<String, String> generate(Path specDir) throws IOException {
        List<ApiSpec> specs = loadSpecs(specDir);
        Map<String, String> sources = new TreeMap<>();
        for (ApiSpec api : specs) {
            sources.put(api.request().className() + ".java", MessageGenerator.generate(api, api.request(), "request"));
            sources.put(api.response().className() + ".java", MessageGenerator.generate(api, api.response(), "response"));
        }
        sources.put("ApiKey.java", ApiKeyGenerator.generate(specs));
        return sources;
    }

    /** Parses every spec in {@code specDir}; public so that message tests can walk the specs they test. */
    public static List<ApiSpec> loadSpecs(Path specDir) throws IOException {
        List<ApiSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(specDir)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".spec")).sorted().toList()) {
                specs.add(SpecParser.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        if (specs.stream().map(ApiSpec::key).distinct().count() != specs.size()) {
            throw new IllegalArgumentException("two specs declare the same API key");
        }
        return specs;
    }
}
