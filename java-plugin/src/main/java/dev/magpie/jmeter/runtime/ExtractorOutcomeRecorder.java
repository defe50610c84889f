package dev.magpie.jmeter.runtime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Magpie Extractor Outcome Recorder: after each sample of a listed sampler, writes one JSON line
 * per extractor of that sampler saying whether its variable got a value ("matched"), kept the
 * extractor's default ("default") or is unset ("missing"), per thread and iteration. `magpie
 * report --extractors FILE` reads these lines to explain failures. Recording only: which
 * extractors belong to which sampler is in the element's configuration (written by har2jmx).
 */
public class ExtractorOutcomeRecorder extends AbstractTestElement
        implements SampleListener, TestStateListener, NoThreadClone {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ExtractorOutcomeRecorder.class);
    private static final JsonFactory JSON = new JsonFactory();

    /** Where the lines go (JMeter functions allowed, e.g. {@code ${__P(magpie.extractors.file,extractors.jsonl)}}). */
    public static final String FILE = "MagpieRecorder.file";
    /** One extractor per line: {@code sampler label<TAB>variable<TAB>default}. */
    public static final String EXTRACTORS = "MagpieRecorder.extractors";

    /** One recorder per test (NoThreadClone): shared by all threads, writes synchronised. */
    private transient Map<String, List<String[]>> bySampler;
    private transient Writer out;

    @Override
    public void testStarted() {
        testStarted("");
    }

    @Override
    public synchronized void testStarted(String host) {
        bySampler = new HashMap<>();
        for (String line : getPropertyAsString(EXTRACTORS).split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && !f[0].isEmpty() && !f[1].isEmpty()) {
                bySampler.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new String[] {f[1], f[2]});
            }
        }
        Path file = Paths.get(getPropertyAsString(FILE).trim().isEmpty() ? "extractors.jsonl" : getPropertyAsString(FILE).trim());
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
            log.info("Magpie recording extractor outcomes of {} samplers to {}", bySampler.size(), file.toAbsolutePath());
        } catch (IOException e) {
            log.error("Magpie cannot write extractor outcomes to {}", file, e);
            out = null;
        }
    }

    @Override
    public void sampleOccurred(SampleEvent event) {
        List<String[]> extractors = bySampler == null ? null : bySampler.get(event.getResult().getSampleLabel());
        if (extractors == null || out == null) {
            return;
        }
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        int iteration = vars == null ? 0 : vars.getIteration();
        StringBuilder lines = new StringBuilder();
        for (String[] x : extractors) {
            String value = vars == null ? null : vars.get(x[0]);
            String outcome = value == null ? "missing" : value.equals(x[1]) ? "default" : "matched";
            lines.append(line(event, iteration, x[0], x[1], outcome));
        }
        synchronized (this) {
            try {
                out.write(lines.toString());
            } catch (IOException e) {
                log.warn("Magpie: extractor outcomes not written", e);
            }
        }
    }

    private static String line(SampleEvent event, int iteration, String variable, String def, String outcome) {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("ts", event.getResult().getTimeStamp());
            g.writeStringField("thread", event.getResult().getThreadName());
            g.writeNumberField("iteration", iteration);
            g.writeStringField("sampler", event.getResult().getSampleLabel());
            g.writeStringField("variable", variable);
            g.writeStringField("outcome", outcome);
            g.writeStringField("default", def);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString() + "\n";
    }

    @Override
    public void testEnded() {
        testEnded("");
    }

    @Override
    public synchronized void testEnded(String host) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("Magpie: extractor outcomes file not closed cleanly", e);
            }
            out = null;
        }
    }

    @Override
    public void sampleStarted(SampleEvent e) {
        // only finished samples matter
    }

    @Override
    public void sampleStopped(SampleEvent e) {
        // only finished samples matter
    }
}
