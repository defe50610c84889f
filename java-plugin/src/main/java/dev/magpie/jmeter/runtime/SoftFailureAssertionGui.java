package dev.magpie.jmeter.runtime;

import java.awt.BorderLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;

import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;

import org.apache.jmeter.assertions.gui.AbstractAssertionGui;
import org.apache.jmeter.testelement.TestElement;

/** The editor of {@link SoftFailureAssertion}: the recorded baseline, field by field. */
public class SoftFailureAssertionGui extends AbstractAssertionGui {
    private static final long serialVersionUID = 1L;

    private final JTextField contentType = new JTextField(30);
    private final JTextField recordedSize = new JTextField(10);
    private final JTextField minSizePercent = new JTextField(5);
    private final JTextField recordedPath = new JTextField(30);
    private final JTextField ignore = new JTextField(30);

    public SoftFailureAssertionGui() {
        setLayout(new BorderLayout(0, 5));
        setBorder(makeBorder());
        add(makeTitlePanel(), BorderLayout.NORTH);
        JPanel fields = new JPanel(new GridBagLayout());
        int row = 0;
        row = field(fields, row, "Recorded content type (other types fail)", contentType);
        row = field(fields, row, "Recorded body size, bytes", recordedSize);
        row = field(fields, row, "Fail bodies under this % of the recorded size (0: off)", minSizePercent);
        row = field(fields, row, "Recorded URL path (a login path instead fails)", recordedPath);
        field(fields, row, "Checks to skip (login_page, error_page, stack_trace, json_error, content_type, size)", ignore);
        add(fields, BorderLayout.CENTER);
    }

    private static int field(JPanel panel, int row, String label, JTextField field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = row;
        c.insets = new Insets(2, 2, 2, 8);
        c.anchor = GridBagConstraints.WEST;
        panel.add(new JLabel(label), c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        panel.add(field, c);
        return row + 1;
    }

    @Override
    public String getStaticLabel() {
        return "Magpie Soft Failure Assertion";
    }

    @Override
    public String getLabelResource() {
        return "magpie_soft_failure_assertion"; // not in JMeter's bundle: getStaticLabel() names it
    }

    @Override
    public TestElement createTestElement() {
        SoftFailureAssertion el = new SoftFailureAssertion();
        modifyTestElement(el);
        return el;
    }

    @Override
    public void modifyTestElement(TestElement el) {
        configureTestElement(el);
        el.setProperty(SoftFailureAssertion.CONTENT_TYPE, contentType.getText().trim());
        el.setProperty(SoftFailureAssertion.RECORDED_SIZE, parse(recordedSize.getText()));
        el.setProperty(SoftFailureAssertion.MIN_SIZE_PERCENT, (int) parse(minSizePercent.getText()));
        el.setProperty(SoftFailureAssertion.RECORDED_PATH, recordedPath.getText().trim());
        el.setProperty(SoftFailureAssertion.IGNORE, ignore.getText().trim());
    }

    private static long parse(String text) {
        try {
            return Math.max(0L, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    @Override
    public void configure(TestElement el) {
        super.configure(el);
        contentType.setText(el.getPropertyAsString(SoftFailureAssertion.CONTENT_TYPE));
        recordedSize.setText(String.valueOf(el.getPropertyAsLong(SoftFailureAssertion.RECORDED_SIZE, 0L)));
        minSizePercent.setText(String.valueOf(el.getPropertyAsInt(SoftFailureAssertion.MIN_SIZE_PERCENT, 0)));
        recordedPath.setText(el.getPropertyAsString(SoftFailureAssertion.RECORDED_PATH));
        ignore.setText(el.getPropertyAsString(SoftFailureAssertion.IGNORE));
    }

    @Override
    public void clearGui() {
        super.clearGui();
        contentType.setText("");
        recordedSize.setText("0");
        minSizePercent.setText("25");
        recordedPath.setText("");
        ignore.setText("");
    }
}
