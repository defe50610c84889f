package dev.magpie.jmeter.functions;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.magpie.jmeter.loader.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The JMeter functions the core writes for values the client makes up (magpie_correlate's
 * generated.rs) evaluate in JMeter 5.6.3 to fresh values of the recorded shape.
 */
public class ClientFunctionsTest {

    @BeforeClass
    public static void jmeter() {
        Path props = TestPaths.jmeterHome().resolve("bin/jmeter.properties");
        assertTrue(props + " missing: run `gradle jmeterHome`", Files.isRegularFile(props));
        JMeterUtils.setJMeterHome(TestPaths.jmeterHome().toString());
        JMeterUtils.loadJMeterProperties(props.toString());
        JMeterUtils.setLocale(Locale.ENGLISH);
        JMeterContextService.getContext().setVariables(new JMeterVariables());
    }

    private static String eval(String expression) throws Exception {
        CompoundVariable v = new CompoundVariable();
        v.setParameters(expression);
        return v.execute();
    }

    @Test
    public void functionsMakeFreshValuesOfTheRecordedShape() throws Exception {
        String fraction = eval("${__groovy(Math.random(),)}");
        double d = Double.parseDouble(fraction);
        assertTrue(fraction, d >= 0 && d < 1);
        assertNotEquals(fraction, eval("${__groovy(Math.random(),)}"));
        String number = eval("${__Random(1000000000,9999999999,)}");
        assertTrue(number, number.matches("[1-9][0-9]{9}"));
        String hex = eval("${__RandomString(12,0123456789abcdef,)}");
        assertTrue(hex, hex.matches("[0-9a-f]{12}"));
        assertTrue(eval("${__UUID()}").matches("[0-9a-f-]{36}"));
        long now = System.currentTimeMillis();
        assertTrue(Math.abs(Long.parseLong(eval("${__time()}")) - now) < 60_000);
        assertEquals(10, eval("${__time(/1000,)}").length());
    }
}
