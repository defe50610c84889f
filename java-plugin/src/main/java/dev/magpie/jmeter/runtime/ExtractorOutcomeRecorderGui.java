package dev.magpie.jmeter.runtime;

import java.awt.BorderLayout;

import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;

import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.visualizers.gui.AbstractListenerGui;

/** The editor of {@link ExtractorOutcomeRecorder}: the output file and the extractor list. */
public class ExtractorOutcomeRecorderGui extends AbstractListenerGui {
    private static final long serialVersionUID = 1L;

    private final JTextField file = new JTextField(40);
    private final JTextArea extractors = new JTextArea(10, 60);

    public ExtractorOutcomeRecorderGui() {
        setLayout(new BorderLayout(0, 5));
        setBorder(makeBorder());
        add(makeTitlePanel(), BorderLayout.NORTH);
        JPanel body = new JPanel(new BorderLayout(0, 5));
        JPanel top = new JPanel(new BorderLayout(5, 0));
        top.add(new JLabel("Write outcomes to (JSON lines)"), BorderLayout.WEST);
        top.add(file, BorderLayout.CENTER);
        body.add(top, BorderLayout.NORTH);
        JPanel list = new JPanel(new BorderLayout());
        list.add(new JLabel("Extractors, one per line: sampler label <TAB> variable <TAB> default"), BorderLayout.NORTH);
        list.add(new JScrollPane(extractors), BorderLayout.CENTER);
        body.add(list, BorderLayout.CENTER);
        add(body, BorderLayout.CENTER);
    }

    @Override
    public String getStaticLabel() {
        return "Magpie Extractor Outcome Recorder";
    }

    @Override
    public String getLabelResource() {
        return "magpie_extractor_outcome_recorder"; // not in JMeter's bundle: getStaticLabel() names it
    }

    @Override
    public TestElement createTestElement() {
        ExtractorOutcomeRecorder el = new ExtractorOutcomeRecorder();
        modifyTestElement(el);
        return el;
    }

    @Override
    public void modifyTestElement(TestElement el) {
        configureTestElement(el);
        el.setProperty(ExtractorOutcomeRecorder.FILE, file.getText().trim());
        el.setProperty(ExtractorOutcomeRecorder.EXTRACTORS, extractors.getText());
    }

    @Override
    public void configure(TestElement el) {
        super.configure(el);
        file.setText(el.getPropertyAsString(ExtractorOutcomeRecorder.FILE));
        extractors.setText(el.getPropertyAsString(ExtractorOutcomeRecorder.EXTRACTORS));
    }

    @Override
    public void clearGui() {
        super.clearGui();
        file.setText("${__P(magpie.extractors.file,extractors.jsonl)}");
        extractors.setText("");
    }
}
