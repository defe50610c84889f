package dev.magpie.jmeter.gui;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.event.KeyEvent;
import java.io.File;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.ListSelectionModel;
import javax.swing.WindowConstants;
import javax.swing.tree.DefaultMutableTreeNode;

import org.apache.jmeter.gui.GuiPackage;
import org.apache.jmeter.gui.JMeterGUIComponent;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.reporters.ResultCollector;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;

/**
 * Create extractor from response…: the selected sampler's response (body and headers, editable so
 * a response can be pasted), the text the user selects in it, the core's validated extractors for
 * that text (best first, with why), a variable name, and Insert: the extractor goes under the
 * sampler in JMeter's tree in place (Undo takes it back), later literals of the value optionally
 * replaced by the variable.
 */
final class CreateExtractorDialog extends JDialog {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CreateExtractorDialog.class);

    private static CreateExtractorDialog instance;

    private final JLabel header = new JLabel(" ");
    private final JTextArea body = new JTextArea();
    private final JTextArea headers = new JTextArea();
    private final JTabbedPane tabs = new JTabbedPane();
    private final DefaultListModel<String> candidateNames = new DefaultListModel<>();
    private final JList<String> candidateList = new JList<>(candidateNames);
    private final JTextField variable = new JTextField(20);
    /** The value to extract: what is selected in the response, or typed / pasted. */
    private final JTextField valueField = new JTextField(40);
    private final JCheckBox replaceLater = new JCheckBox("Replace later literals of the value with the variable", true);
    private final JLabel status = new JLabel(" ");
    private final JButton insert = new JButton("Insert");
    private final JButton undo = new JButton("Undo");
    private final PlanEdits edits = new PlanEdits(this);
    private final List<Map<String, Object>> candidates = new ArrayList<>();
    private JMeterTreeNode sampler;
    private int samplerIndex;
    private String mime = "";
    private String value = "";

    static CreateExtractorDialog instance(Frame owner) {
        if (instance == null || instance.getOwner() != owner) {
            instance = new CreateExtractorDialog(owner);
        }
        return instance;
    }

    private CreateExtractorDialog(Frame owner) {
        super(owner, "Magpie: create extractor", false);
        setName("magpie_create_extractor");
        setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
        header.setBorder(BorderFactory.createEmptyBorder(10, 12, 6, 12));

        JButton fromResults = new JButton("From View Results Tree");
        fromResults.setMnemonic(KeyEvent.VK_V);
        fromResults.addActionListener(ev -> loadFromResultsTree());
        JButton fromRecording = new JButton("From a recording (HAR)\u2026");
        fromRecording.setName("magpie_extract_from_har");
        fromRecording.setMnemonic(KeyEvent.VK_R);
        fromRecording.addActionListener(ev -> loadFromRecording());
        JButton find = new JButton("Find extractors for the selection");
        find.setName("magpie_extract_find");
        find.setMnemonic(KeyEvent.VK_F);
        find.addActionListener(ev -> findCandidates());
        JPanel sources = new JPanel(new FlowLayout(FlowLayout.LEFT));
        sources.add(fromResults);
        sources.add(fromRecording);
        JLabel valueLabel = new JLabel("Value:");
        valueLabel.setDisplayedMnemonic(KeyEvent.VK_L);
        valueLabel.setLabelFor(valueField);
        valueField.setName("magpie_extract_value");
        sources.add(valueLabel);
        sources.add(valueField);
        sources.add(find);

        body.setName("magpie_extract_body");
        headers.setName("magpie_extract_headers");
        for (JTextArea area : new JTextArea[] {body, headers}) {
            area.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, area.getFont().getSize()));
            area.setLineWrap(true);
        }
        for (JTextArea area : new JTextArea[] {body, headers}) {
            area.addCaretListener(ev -> {
                String selected = area.getSelectedText();
                if (selected != null && !selected.isEmpty()) {
                    valueField.setText(selected);
                }
            });
        }
        tabs.addTab("Response body", new JScrollPane(body));
        tabs.addTab("Response headers", new JScrollPane(headers));

        candidateList.setName("magpie_extract_candidates");
        candidateList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        candidateList.addListSelectionListener(ev -> {
            int i = candidateList.getSelectedIndex();
            if (!ev.getValueIsAdjusting() && i >= 0 && i < candidates.size()) {
                variable.setText(Json.string(candidates.get(i), "name_hint"));
            }
        });
        JPanel choose = new JPanel(new BorderLayout(0, 4));
        choose.add(new JScrollPane(candidateList), BorderLayout.CENTER);
        JPanel naming = new JPanel(new FlowLayout(FlowLayout.LEFT));
        naming.add(new JLabel("Variable name:"));
        variable.setName("magpie_extract_variable");
        naming.add(variable);
        naming.add(replaceLater);
        choose.add(naming, BorderLayout.SOUTH);

        JPanel top = new JPanel(new BorderLayout());
        top.add(header, BorderLayout.NORTH);
        top.add(sources, BorderLayout.SOUTH);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, tabs, choose);
        split.setResizeWeight(0.65);
        split.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));

        insert.setName("magpie_extract_insert");
        insert.setMnemonic(KeyEvent.VK_I);
        insert.addActionListener(ev -> insertSelected());
        undo.setMnemonic(KeyEvent.VK_U);
        undo.setEnabled(false);
        undo.addActionListener(ev -> {
            if (edits.undo("Undo extractor", "extractor")) {
                undo.setEnabled(false);
                status.setText("Extractor removed; the plan is modified, not saved.");
            }
        });
        Dialogs.layOut(this, top, split, status, insert, undo);
        setPreferredSize(new Dimension(1000, 640));
        pack();
        setLocationRelativeTo(owner);
    }

    /** Opens for {@code node} (a sampler at pre-order {@code index}), with its last result if a View Results Tree has one. */
    void showFor(JMeterTreeNode node, int index) {
        sampler = node;
        samplerIndex = index;
        header.setText("<html>Extractor under <b>" + escape(node.getName()) + "</b>: select the value in the response"
                + " (or type it), then Find extractors.</html>");
        valueField.setText("");
        candidates.clear();
        candidateNames.clear();
        insert.setEnabled(false);
        if (!loadFromResultsTree(false)) {
            setResponse("", "", "");
        }
        setVisible(true);
        toFront();
    }

    private void setResponse(String headerText, String bodyText, String contentType) {
        headers.setText(headerText);
        body.setText(bodyText);
        body.setCaretPosition(0);
        mime = contentType == null ? "" : contentType;
    }

    private boolean loadFromResultsTree() {
        return loadFromResultsTree(true);
    }

    /** The newest result of the sampler in any View Results Tree of the plan. */
    private boolean loadFromResultsTree(boolean tell) {
        SampleResult latest = null;
        GuiPackage gui = GuiPackage.getInstance();
        for (JMeterTreeNode n : TreeOps.preorder(gui.getTreeModel())) {
            if (!(n.getTestElement() instanceof ResultCollector)) {
                continue;
            }
            JMeterGUIComponent component = gui.getGui(n.getTestElement());
            if (component instanceof Container) {
                SampleResult r = newestIn((Container) component, sampler.getName());
                latest = r != null ? r : latest;
            }
        }
        if (latest == null) {
            if (tell) {
                Dialogs.info(this, "Create extractor", "No View Results Tree in the plan has a result of "
                        + sampler.getName() + " (run the plan with one, or take the response from a recording).");
            }
            return false;
        }
        setResponse(latest.getResponseHeaders(), latest.getResponseDataAsString(), latest.getContentType());
        status.setText("Response of the last run (View Results Tree).");
        log.info("Magpie: response of {} from a View Results Tree ({} bytes)", sampler.getName(), body.getText().length());
        return true;
    }

    /** The last sample result labelled {@code label} in the result trees inside {@code root}. */
    private static SampleResult newestIn(Container root, String label) {
        SampleResult found = null;
        for (Component c : root.getComponents()) {
            if (c instanceof JTree && ((JTree) c).getModel().getRoot() instanceof DefaultMutableTreeNode) {
                Enumeration<?> all = ((DefaultMutableTreeNode) ((JTree) c).getModel().getRoot()).depthFirstEnumeration();
                while (all.hasMoreElements()) {
                    Object o = ((DefaultMutableTreeNode) all.nextElement()).getUserObject();
                    if (o instanceof SampleResult && label.equals(((SampleResult) o).getSampleLabel())) {
                        found = (SampleResult) o;
                    }
                }
            } else if (c instanceof Container) {
                SampleResult inner = newestIn((Container) c, label);
                found = inner != null ? inner : found;
            }
        }
        return found;
    }

    /** The sampler's response in a recording, matched by the core like plan mode does. */
    private void loadFromRecording() {
        File har = Dialogs.chooseExistingFile(this, "magpie_extract_har_chooser", "Create extractor: a recording",
                "HTTP Archive (*.har)", "har");
        if (har == null) {
            return;
        }
        String name = PlanTree.planName();
        File snapshot = PlanEdits.snapshot(name, "matching the recording", this, "Create extractor");
        if (snapshot == null) {
            return;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jmx_path", snapshot.getPath());
        request.put("har_path", har.getPath());
        request.put("element", samplerIndex);
        String json = Json.write(request);
        CoreCall.Outcome outcome = CoreCall.run(this, "Magpie", "Reading " + har.getName() + "\u2026",
                () -> Magpie.call("recorded_response", json));
        PlanTree.deleteTemp(snapshot);
        Map<String, Object> result = outcome.replyOrTell(this, "Create extractor failed", "recorded response");
        if (result == null) {
            return;
        }
        Map<String, Object> response = Json.object(result, "response");
        if (response.isEmpty()) {
            Dialogs.info(this, "Create extractor", "No request in " + har.getName() + " matches " + sampler.getName()
                    + " (same method and path, in the plan's order).");
            return;
        }
        setResponse(Json.string(response, "headers"), Json.string(response, "body"), Json.string(response, "mime"));
        status.setText("Response of HAR entry " + Json.number(response, "entry") + " in " + har.getName() + ".");
        log.info("Magpie: response of {} from {} entry {}", sampler.getName(), har.getName(), Json.number(response, "entry"));
    }

    private void findCandidates() {
        String selected = valueField.getText();
        if (selected == null || selected.isEmpty()) {
            Dialogs.info(this, "Create extractor", "Select the value in the response body or headers (or type it) first.");
            return;
        }
        value = selected;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("headers", headers.getText());
        request.put("body", body.getText());
        request.put("mime", mime);
        request.put("value", value);
        String json = Json.write(request);
        CoreCall.Outcome outcome = CoreCall.run(this, "Magpie", "Finding extractors\u2026",
                () -> Magpie.call("extract_candidates", json));
        Map<String, Object> result = outcome.replyOrTell(this, "Create extractor failed", "extractor search");
        if (result == null) {
            return;
        }
        candidates.clear();
        candidateNames.clear();
        for (Map<String, Object> c : Json.maps(Json.list(result, "candidates"))) {
            candidates.add(c);
            candidateNames.addElement(String.format("[%.2f] %s \u2014 %s", ((Number) c.get("score")).doubleValue(),
                    Json.string(c, "describe"), Json.string(c, "why")));
        }
        insert.setEnabled(!candidates.isEmpty());
        if (candidates.isEmpty()) {
            status.setText("No extractor yields exactly the selected text from this response.");
        } else {
            candidateList.setSelectedIndex(0);
            status.setText(candidates.size() + " validated extractor" + (candidates.size() == 1 ? "" : "s")
                    + " for the selected value, best first.");
        }
        log.info("Magpie found {} extractor candidates for a value of {}", candidates.size(), sampler.getName());
    }

    private void insertSelected() {
        String title = "Insert extractor";
        int chosen = candidateList.getSelectedIndex();
        if (chosen < 0 || chosen >= candidates.size()) {
            return;
        }
        if (JMeterUtils.isTestRunning()) {
            Dialogs.error(this, title, "A test is running: stop it before changing the plan.");
            return;
        }
        String name = PlanTree.planName();
        File snapshot = PlanEdits.snapshot(name, "inserting the extractor", this, title);
        if (snapshot == null) {
            return;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jmx_path", snapshot.getPath());
        request.put("element", samplerIndex);
        request.put("extractor", candidates.get(chosen).get("extractor"));
        request.put("variable", variable.getText().trim());
        request.put("value", value);
        request.put("replace_later", replaceLater.isSelected());
        String json = Json.write(request);
        CoreCall.Outcome outcome = CoreCall.run(this, "Magpie", "Inserting the extractor\u2026",
                () -> Magpie.call("insert_extractor", json));
        String before = PlanEdits.readQuietly(snapshot);
        PlanTree.deleteTemp(snapshot);
        Map<String, Object> result = outcome.replyOrTell(this, title + " failed", "extractor insertion in " + name);
        if (result == null) {
            return;
        }
        String var = Json.string(result, "variable");
        long replaced = Json.number(result, "replaced");
        String diff = Json.string(result, "diff").replace(snapshot.getPath(), name);
        if (!Dialogs.previewDiff(this, "Magpie: preview extractor", "Extractor <b>" + escape(var) + "</b> under "
                + escape(sampler.getName()) + (replaced > 0 ? ", " + replaced + " later literal" + (replaced == 1 ? "" : "s")
                + " replaced" : "") + ". Apply changes the plan in JMeter's tree, modified and not saved.", diff)) {
            return;
        }
        if (result.get("ops") == null || before == null) {
            Dialogs.error(this, title, "The change cannot be applied to the tree in place: " + result.get("ops_error"));
            return;
        }
        List<Object> ops = Json.list(result, "ops");
        if (!edits.applyInPlace(title, name, ops, before)) {
            return;
        }
        edits.applied(before, name, title);
        undo.setEnabled(edits.canUndo());
        status.setText("Extractor " + var + " inserted; " + replaced + " later literal" + (replaced == 1 ? "" : "s")
                + " replaced; the plan is modified, not saved.");
        log.info("Magpie inserted extractor {} under {} in place ({} tree operations), {} later literals replaced", var,
                sampler.getName(), ops.size(), replaced);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
