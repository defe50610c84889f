package dev.magpie.jmeter.gui;

import java.awt.Dimension;
import java.awt.Frame;
import java.awt.event.KeyEvent;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.WindowConstants;

import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;

/**
 * The non-modal review of Correlate… (suggest mode): every dynamic value the core found in the
 * recording with a checkbox, its kind, origin sampler, how the plan gets it and how many literals
 * it replaces; below, the values it could not apply and why. "Apply selected…" lets the core
 * compute the change for the checked rows on the tree as it is, previews it as a diff, and applies
 * it to JMeter's tree in place as one change ("Undo" takes it back).
 */
final class CorrelateDialog extends JDialog {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CorrelateDialog.class);

    private static CorrelateDialog instance;

    private final JLabel summary = new JLabel(" ");
    private final CandidatesModel model = new CandidatesModel();
    private final JTable table = new JTable(model);
    private final JTextArea skipped = new JTextArea(5, 60);
    private final JLabel status = new JLabel(" ");
    private final JButton apply = new JButton("Apply selected\u2026");
    private final JButton undo = new JButton("Undo");
    private final PlanEdits edits = new PlanEdits(this);
    private File har;
    /** Pre-order index of the element to correlate within, or -1 for the whole plan. */
    private int scope = -1;
    private String scopeName;

    static CorrelateDialog instance(Frame owner) {
        if (instance == null || instance.getOwner() != owner) {
            instance = new CorrelateDialog(owner);
        }
        return instance;
    }

    private CorrelateDialog(Frame owner) {
        super(owner, "Magpie: correlate", false);
        setName("magpie_correlate");
        setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
        summary.setBorder(BorderFactory.createEmptyBorder(10, 12, 8, 12));
        table.setName("magpie_correlate_candidates");
        table.setFillsViewportHeight(true);
        int[] widths = {50, 150, 110, 190, 200, 380, 60};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        }
        skipped.setName("magpie_correlate_skipped");
        skipped.setEditable(false);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(table), new JScrollPane(skipped));
        split.setResizeWeight(0.75);
        split.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));

        apply.setName("magpie_correlate_apply");
        apply.setMnemonic(KeyEvent.VK_A);
        apply.addActionListener(ev -> applySelected());
        undo.setName("magpie_correlate_undo");
        undo.setMnemonic(KeyEvent.VK_U);
        undo.setEnabled(false);
        undo.addActionListener(ev -> undoLast());
        Dialogs.layOut(this, summary, split, status, apply, undo);
        setPreferredSize(new Dimension(1100, 560));
        pack();
        setLocationRelativeTo(owner);
    }

    /** Analyses the open plan against {@code recording} and shows the candidates. */
    void analyseAndShow(File recording, int scopeIndex, String scopeElement) {
        har = recording;
        scope = scopeIndex;
        scopeName = scopeElement;
        if (analyse()) {
            setVisible(true);
            toFront();
        }
    }

    /** What the recording's correlations would do to the tree as it is now; true when shown. */
    private boolean analyse() {
        String name = PlanTree.planName();
        Map<String, Object> result = call(name, null, "Correlate failed");
        if (result == null) {
            return false;
        }
        List<Map<String, Object>> applied = Json.maps(Json.list(result, "applied"));
        List<Map<String, Object>> notApplied = Json.maps(Json.list(result, "skipped"));
        model.set(applied);
        summary.setText("<html><b>" + escape(name) + "</b>" + (scopeName == null ? "" : " within <b>" + escape(scopeName)
                + "</b>") + " with " + escape(har.getName()) + ": "
                + Json.number(result, "matched_steps") + " of " + Json.number(result, "steps")
                + " recorded requests matched to samplers; " + applied.size() + " dynamic value"
                + (applied.size() == 1 ? "" : "s") + " to correlate, " + notApplied.size() + " not applicable.</html>");
        StringBuilder text = new StringBuilder(notApplied.isEmpty() ? "" : "Not applicable:\n");
        for (Map<String, Object> s : notApplied) {
            text.append("  ").append(Json.string(s, "variable")).append(" = ").append(Json.string(s, "value"))
                    .append(": ").append(Json.string(s, "reason")).append('\n');
        }
        skipped.setText(text.toString());
        skipped.setCaretPosition(0);
        apply.setEnabled(!applied.isEmpty());
        log.info("Magpie correlation candidates for {}{} from {}: {} to apply, {} not applicable", name,
                scopeName == null ? "" : " within " + scopeName, har.getName(), applied.size(), notApplied.size());
        return true;
    }

    private void applySelected() {
        String title = "Apply correlations";
        if (JMeterUtils.isTestRunning()) {
            Dialogs.error(this, title, "A test is running: stop it before changing the plan.");
            return;
        }
        List<String> values = model.checkedValues();
        if (values.isEmpty()) {
            Dialogs.info(this, title, "No row is checked.");
            return;
        }
        String name = PlanTree.planName();
        String[] before = new String[1];
        Map<String, Object> result = call(name, values, title + " failed", before);
        if (result == null) {
            return;
        }
        int count = Json.maps(Json.list(result, "applied")).size();
        if (count == 0) {
            Dialogs.info(this, title, "Nothing to change in the plan as it is now.");
            analyse();
            return;
        }
        String diff = Json.string(result, "diff");
        if (!Dialogs.previewDiff(this, "Magpie: preview correlations", count + " correlation" + (count == 1 ? "" : "s")
                + " for " + escape(name) + ". Apply changes the plan in JMeter's tree, modified and not saved (Undo"
                + " takes it back): your file is written only when you save.", diff)) {
            return;
        }
        if (result.get("ops") != null && before[0] != null) {
            List<Object> ops = Json.list(result, "ops");
            if (!edits.applyInPlace(title, name, ops, before[0])) {
                return;
            }
            edits.applied(before[0], name, title);
            log.info("Magpie correlated {}: {} correlations applied in place ({} tree operations)", name, count, ops.size());
        } else {
            log.info("Magpie: correlations for {} cannot be applied in place ({}); reloading", name, result.get("ops_error"));
            if (!edits.reloadFixed(title, name, PlanTree.planFile(), Json.string(result, "text"))) {
                return;
            }
            edits.forget();
            log.info("Magpie correlated {}: {} correlations applied", name, count);
        }
        undo.setEnabled(edits.canUndo());
        javax.swing.SwingUtilities.invokeLater(() -> {
            if (analyse()) {
                status.setText(count + " correlation" + (count == 1 ? "" : "s") + " applied; the plan is modified, not saved.");
            }
        });
    }

    private void undoLast() {
        if (!edits.undo("Undo correlations", "correlation")) {
            return;
        }
        undo.setEnabled(false);
        javax.swing.SwingUtilities.invokeLater(() -> {
            if (analyse()) {
                status.setText("Correlations undone; the plan is modified, not saved.");
            }
        });
    }

    private Map<String, Object> call(String name, List<String> only, String title) {
        return call(name, only, title, new String[1]);
    }

    /** Runs {@code correlate_plan} on a snapshot of the tree; {@code before[0]} gets the snapshot text. */
    private Map<String, Object> call(String name, List<String> only, String title, String[] before) {
        File snapshot = PlanEdits.snapshot(name, "correlation", this.isVisible() ? this : getOwner(), title);
        if (snapshot == null) {
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jmx_path", snapshot.getPath());
        request.put("har_path", har.getPath());
        if (only != null) {
            request.put("only_values", only);
        }
        if (scope >= 0) {
            request.put("scope", scope);
        }
        String json = Json.write(request);
        CoreCall.Outcome outcome = CoreCall.run(isVisible() ? this : getOwner(), "Magpie",
                "Correlating " + name + " with " + har.getName() + "\u2026", () -> Magpie.call("correlate_plan", json));
        before[0] = PlanEdits.readQuietly(snapshot);
        PlanTree.deleteTemp(snapshot);
        Map<String, Object> result = outcome.replyOrTell(isVisible() ? this : getOwner(), title, "correlation of " + name);
        if (result != null && result.get("diff") instanceof String) {
            result.put("diff", Json.string(result, "diff").replace(snapshot.getPath(), name));
        }
        return result;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One row per correlation the core would apply; all checked at first. */
    private static final class CandidatesModel extends RowsModel {
        private static final long serialVersionUID = 1L;
        private final List<Boolean> checked = new ArrayList<>();

        CandidatesModel() {
            super("Apply", "Variable", "Kind", "Value", "Origin sampler", "How", "Literals");
        }

        @Override
        void set(List<Map<String, Object>> candidates) {
            checked.clear();
            candidates.forEach(c -> checked.add(Boolean.TRUE));
            super.set(candidates);
        }

        List<String> checkedValues() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (checked.get(i)) {
                    out.add(Json.string(rows.get(i), "value"));
                }
            }
            return out;
        }

        @Override
        public Class<?> getColumnClass(int column) {
            return column == 0 ? Boolean.class : column == 6 ? Long.class : String.class;
        }

        @Override
        public boolean isCellEditable(int row, int column) {
            return column == 0;
        }

        @Override
        public void setValueAt(Object value, int row, int column) {
            if (column == 0) {
                checked.set(row, Boolean.TRUE.equals(value));
                fireTableCellUpdated(row, column);
            }
        }

        @Override
        public Object getValueAt(int row, int column) {
            Map<String, Object> c = rows.get(row);
            switch (column) {
                case 0:
                    return checked.get(row);
                case 1:
                    return Json.string(c, "variable");
                case 2:
                    return Json.string(c, "kind").replace('_', ' ');
                case 3:
                    return Json.string(c, "value");
                case 4:
                    return Json.string(c, "sampler");
                case 5:
                    return Json.string(c, "how");
                default:
                    return Json.number(c, "replaced");
            }
        }
    }
}
