package dev.magpie.jmeter.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.gui.util.MenuFactory;
import org.apache.jmeter.samplers.SampleResult;
import org.junit.Test;

/**
 * The Magpie Soft Failure Assertion as JMeter calls it: a sample result in, an assertion result
 * out, the judgement made by the native core from the element's properties.
 */
public class SoftFailureAssertionTest {

    private static SoftFailureAssertion assertion(String contentType, long size, String path) {
        SoftFailureAssertion a = new SoftFailureAssertion();
        a.setName("Magpie soft failures");
        a.setProperty(SoftFailureAssertion.CONTENT_TYPE, contentType);
        a.setProperty(SoftFailureAssertion.RECORDED_SIZE, size);
        a.setProperty(SoftFailureAssertion.MIN_SIZE_PERCENT, 25);
        a.setProperty(SoftFailureAssertion.RECORDED_PATH, path);
        a.setProperty(SoftFailureAssertion.IGNORE, "");
        return a;
    }

    private static SampleResult sample(String code, String contentType, String url, String body) throws Exception {
        SampleResult r = new SampleResult();
        r.setResponseCode(code);
        r.setContentType(contentType);
        r.setURL(new java.net.URL(url));
        r.setResponseData(body.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    @Test
    public void passesTheRecordedKindOfPageAndFailsSoftFailures() throws Exception {
        SoftFailureAssertion a = assertion("text/html", 2000, "/shop");
        char[] filler = new char[1800];
        Arrays.fill(filler, 'x');
        String page = "<html><title>Catalogue</title><body>" + new String(filler) + "</body></html>";
        AssertionResult ok = a.getResult(sample("200", "text/html; charset=utf-8", "http://127.0.0.1/shop", page));
        assertFalse(ok.getFailureMessage(), ok.isFailure() || ok.isError());

        AssertionResult errorPage = a.getResult(sample("200", "text/html", "http://127.0.0.1/shop",
                "<html><title>Something went wrong</title><p>" + new String(filler) + "</p></html>"));
        assertTrue(errorPage.isFailure());
        assertTrue(errorPage.getFailureMessage(), errorPage.getFailureMessage().startsWith("Magpie soft failure: error page"));

        AssertionResult login = a.getResult(sample("200", "text/html", "http://127.0.0.1/login?next=%2Fshop",
                "<html><title>Sign in</title>" + new String(filler) + "</html>"));
        assertTrue(login.getFailureMessage(), login.getFailureMessage().contains("login page"));

        AssertionResult tiny = a.getResult(sample("200", "text/html", "http://127.0.0.1/shop", "<html></html>"));
        assertTrue(tiny.getFailureMessage(), tiny.getFailureMessage().contains("body 13 bytes"));

        // A server error is JMeter's failure already; this assertion leaves it alone.
        AssertionResult five = a.getResult(sample("500", "text/html", "http://127.0.0.1/shop", "<title>Error</title>"));
        assertFalse(five.isFailure());
    }

    @Test
    public void jsonErrorsAndChangedBaselines() throws Exception {
        SoftFailureAssertion a = assertion("application/json", 0, "/api/cart");
        AssertionResult ok = a.getResult(sample("200", "application/json", "http://h/api/cart", "{\"cart\":{\"id\":\"c1\"}}"));
        assertFalse(ok.isFailure());
        AssertionResult bad = a.getResult(sample("200", "application/json", "http://h/api/cart", "{\"status\":\"error\"}"));
        assertTrue(bad.getFailureMessage(), bad.getFailureMessage().contains("JSON error status"));
        // A clone (as JMeter makes per thread and run) with the check switched off.
        SoftFailureAssertion b = (SoftFailureAssertion) a.clone();
        b.setProperty(SoftFailureAssertion.IGNORE, "json_error");
        assertFalse(b.getResult(sample("200", "application/json", "http://h/api/cart", "{\"status\":\"error\"}")).isFailure());
    }

    @Test
    public void guiIsAnAssertionThatRoundTripsItsProperties() {
        System.setProperty("java.awt.headless", "true");
        SoftFailureAssertionGui gui = new SoftFailureAssertionGui();
        assertTrue(gui.getMenuCategories().contains(MenuFactory.ASSERTIONS));
        assertEquals("Magpie Soft Failure Assertion", gui.getStaticLabel());
        SoftFailureAssertion a = assertion("text/html", 1234, "/x");
        gui.configure(a);
        SoftFailureAssertion b = (SoftFailureAssertion) gui.createTestElement();
        gui.modifyTestElement(b);
        assertEquals(a.baselineJson(), b.baselineJson());
    }
}
