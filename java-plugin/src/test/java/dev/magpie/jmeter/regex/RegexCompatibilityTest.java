package dev.magpie.jmeter.regex;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magpie.jmeter.loader.TestPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.apache.oro.text.regex.MalformedPatternException;
import org.apache.oro.text.regex.Pattern;
import org.apache.oro.text.regex.PatternMatcherInput;
import org.apache.oro.text.regex.Perl5Compiler;
import org.apache.oro.text.regex.Perl5Matcher;
import org.junit.Test;

/**
 * Every regex the Rust engine generated on our recordings (jmeter-fixtures/regex-vectors.json,
 * kept current by a Rust test) must capture the same value in JMeter's two regex engines:
 * ORO (the default, compiled the way RegexExtractor compiles it) and java.util.regex.
 */
public class RegexCompatibilityTest {

    private static JsonNode vectors() throws Exception {
        Path file = TestPaths.repo().resolve("jmeter-fixtures/regex-vectors.json");
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String> oroCaptures(String regex, String text) throws MalformedPatternException {
        Pattern pattern = new Perl5Compiler().compile(regex, Perl5Compiler.READ_ONLY_MASK);
        Perl5Matcher matcher = new Perl5Matcher();
        PatternMatcherInput input = new PatternMatcherInput(text);
        List<String> out = new ArrayList<>();
        while (matcher.contains(input, pattern)) {
            out.add(matcher.getMatch().group(1));
        }
        return out;
    }

    private static List<String> javaCaptures(String regex, String text) {
        Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    public void generatedRegexesMeanTheSameInOroAndJava() throws Exception {
        JsonNode all = vectors();
        assertTrue("expected regex vectors", all.size() >= 5);
        for (JsonNode v : all) {
            String source = v.get("source").asText();
            String regex = v.get("pattern").asText();
            String text = v.get("text").asText();
            int n = v.get("match_no").asInt();
            String expected = v.get("expected").asText();
            List<String> oro = oroCaptures(regex, text);
            List<String> java = javaCaptures(regex, text);
            assertTrue(source + ": ORO found " + oro.size() + " matches for " + regex, oro.size() >= n);
            assertEquals(source + " (ORO) " + regex, expected, oro.get(n - 1));
            assertTrue(source + ": java.util.regex found " + java.size() + " matches for " + regex, java.size() >= n);
            assertEquals(source + " (java.util.regex) " + regex, expected, java.get(n - 1));
        }
    }
}
