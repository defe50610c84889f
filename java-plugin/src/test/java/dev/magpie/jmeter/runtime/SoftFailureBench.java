package dev.magpie.jmeter.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.jmeter.assertions.Assertion;
import org.apache.jmeter.assertions.ResponseAssertion;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.util.JMeterUtils;

/**
 * Benchmark (not a test; {@code gradle benchSoftFailure}): cost per sample of the Magpie Soft
 * Failure Assertion against JMeter's Response Assertion (a substring on the body, as har2jmx's
 * learned content assertion) on the same realistic responses: 10 KB and 100 KB HTML pages and a
 * 20 KB JSON document. Prints ns/sample for both and the ratio (goal ≤ 1.2).
 */
public final class SoftFailureBench {
    private SoftFailureBench() {
    }

    private static SampleResult sample(String contentType, String url, String body) throws Exception {
        SampleResult r = new SampleResult();
        r.setResponseCode("200");
        r.setResponseMessage("OK");
        r.setSuccessful(true);
        r.setContentType(contentType);
        r.setDataEncoding("UTF-8");
        r.setURL(new java.net.URL(url));
        r.setResponseData(body.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    static String html(int bytes) {
        StringBuilder b = new StringBuilder("<!doctype html><html><head><title>Magpie Tea Shop — Catalogue</title></head><body>");
        int i = 0;
        while (b.length() < bytes - 20) {
            b.append("<div class=\"item\"><a href=\"/item/").append(i).append("\">Tea number ").append(i++)
                    .append("</a><span class=\"price\">4.50</span></div>\n");
        }
        return b.append("</body></html>").toString();
    }

    static String json(int bytes) {
        StringBuilder b = new StringBuilder("{\"cart\":{\"id\":\"c-1\",\"items\":[");
        int i = 0;
        while (b.length() < bytes - 20) {
            b.append(i == 0 ? "" : ",").append("{\"sku\":\"tea-").append(i++).append("\",\"qty\":1,\"price\":4.5}");
        }
        return b.append("]}}").toString();
    }

    private static double nsPerSample(Assertion a, SampleResult r, int iterations) {
        long sink = 0;
        for (int i = 0; i < iterations / 5; i++) { // warm-up
            sink += a.getResult(r).isFailure() ? 1 : 0;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            sink += a.getResult(r).isFailure() ? 1 : 0;
        }
        long t = System.nanoTime() - t0;
        if (sink != 0) {
            throw new IllegalStateException(a.getClass().getSimpleName() + " failed a good sample");
        }
        return (double) t / iterations;
    }

    public static void main(String[] args) throws Exception {
        JMeterUtils.setJMeterHome(System.getProperty("magpie.jmeter.home"));
        JMeterUtils.loadJMeterProperties(System.getProperty("magpie.jmeter.home") + "/bin/jmeter.properties");
        JMeterUtils.setLocale(Locale.ENGLISH);
        Object[][] cases = {
            {"HTML 10 KB", "text/html; charset=utf-8", "http://127.0.0.1/shop", html(10_000), "Magpie Tea Shop", 40_000},
            {"HTML 100 KB", "text/html; charset=utf-8", "http://127.0.0.1/shop", html(100_000), "Magpie Tea Shop", 8_000},
            {"JSON 20 KB", "application/json", "http://127.0.0.1/api/cart", json(20_000), "\"cart\"", 30_000},
        };
        double worst = 0;
        System.out.printf("%-12s %14s %14s %8s%n", "response", "Response A.", "Magpie soft", "ratio");
        for (Object[] c : cases) {
            SampleResult r = sample((String) c[1], (String) c[2], (String) c[3]);
            ResponseAssertion ra = new ResponseAssertion();
            ra.setTestFieldResponseData();
            ra.setToContainsType();
            ra.addTestString((String) c[4]);
            SoftFailureAssertion sf = new SoftFailureAssertion();
            sf.setProperty(SoftFailureAssertion.CONTENT_TYPE, ((String) c[1]).split(";")[0]);
            sf.setProperty(SoftFailureAssertion.RECORDED_SIZE, (long) ((String) c[3]).length());
            sf.setProperty(SoftFailureAssertion.MIN_SIZE_PERCENT, 25);
            sf.setProperty(SoftFailureAssertion.RECORDED_PATH, new java.net.URL((String) c[2]).getPath());
            int n = (Integer) c[5];
            double base = Math.min(nsPerSample(ra, r, n), nsPerSample(ra, r, n));
            double ours = Math.min(nsPerSample(sf, r, n), nsPerSample(sf, r, n));
            worst = Math.max(worst, ours / base);
            System.out.printf("%-12s %11.0f ns %11.0f ns %7.2fx%n", c[0], base, ours, ours / base);
        }
        System.out.printf("worst ratio: %.2fx (goal: 1.2x or less)%n", worst);
    }
}
