package dev.magpie.jmeter.gui;

import java.awt.Dimension;
import java.awt.Font;
import java.awt.Frame;
import java.awt.event.KeyEvent;
import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;
import javax.swing.RowSorter;
import javax.swing.SortOrder;
import javax.swing.WindowConstants;
import javax.swing.table.TableRowSorter;

import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.magpie.jmeter.loader.Magpie;

/**
 * The non-modal results of Assess plan…: score and family sub-scores on top, the findings in a
 * table sortable by any column (grouped by family at first), the selected finding's details below.
 * Selecting a finding selects its element in JMeter's tree. Fixes are computed by the core on the
 * tree as it is when the button is pressed, previewed as a diff, and applied on Apply to JMeter's
 * tree in place (the nodes stay; one step of JMeter's undo history when that is on, and "Undo last
 * fix" here in any case).
 */
final class AssessDialog extends JDialog {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(AssessDialog.class);
    static final String TITLE = "Magpie: assess plan";

    private static AssessDialog instance;

    private final JLabel scoreLabel = new JLabel(" ");
    private final JLabel familiesLabel = new JLabel(" ");
    private final JLabel summaryLabel = new JLabel(" ");
    private final FindingsModel model = new FindingsModel();
    private final JTable table = new JTable(model);
    private final JTextArea details = new JTextArea(5, 60);
    private final JLabel status = new JLabel(" ");
    private final JButton fixSafe = new JButton("Fix all safe\u2026");
    private final JButton fixSelected = new JButton("Fix selected\u2026");
    private final JButton undoFix = new JButton("Undo last fix");
    private final PlanEdits edits = new PlanEdits(this);

    /** The one results dialog (reused by the next Assess plan…). Call on the EDT. */
    static AssessDialog instance(Frame owner) {
        if (instance == null || instance.getOwner() != owner) {
            instance = new AssessDialog(owner);
        }
        return instance;
    }

    private AssessDialog(Frame owner) {
        super(owner, TITLE, false);
        setName("magpie_assess");
        setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);

        scoreLabel.setName("magpie_assess_score");
        scoreLabel.setFont(scoreLabel.getFont().deriveFont(Font.BOLD, scoreLabel.getFont().getSize2D() * 1.6f));
        familiesLabel.setName("magpie_assess_families");
        JPanel top = new JPanel();
        top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
        top.setBorder(BorderFactory.createEmptyBorder(10, 12, 8, 12));
        top.add(scoreLabel);
        top.add(Box.createVerticalStrut(4));
        top.add(familiesLabel);
        top.add(Box.createVerticalStrut(4));
        top.add(summaryLabel);

        table.setName("magpie_assess_findings");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        TableRowSorter<FindingsModel> sorter = new TableRowSorter<>(model);
        sorter.setComparator(FindingsModel.SEVERITY, (a, b) -> Integer.compare(rank(b), rank(a)));
        sorter.setSortKeys(Collections.singletonList(new RowSorter.SortKey(FindingsModel.FAMILY, SortOrder.ASCENDING)));
        sorter.setSortsOnUpdates(true);
        table.setRowSorter(sorter);
        int[] widths = {85, 70, 60, 100, 320, 240};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
            if (i < 4) {
                table.getColumnModel().getColumn(i).setMinWidth(widths[i]);
            }
        }
        table.getSelectionModel().addListSelectionListener(ev -> {
            if (!ev.getValueIsAdjusting()) {
                selectionChanged();
            }
        });

        details.setName("magpie_assess_details");
        details.setEditable(false);
        details.setLineWrap(true);
        details.setWrapStyleWord(true);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(table), new JScrollPane(details));
        split.setResizeWeight(0.8);
        split.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));

        fixSafe.setName("magpie_fix_safe");
        fixSafe.setMnemonic(KeyEvent.VK_A);
        fixSafe.addActionListener(ev -> fixAllSafe());
        fixSelected.setName("magpie_fix_selected");
        fixSelected.setMnemonic(KeyEvent.VK_S);
        fixSelected.addActionListener(ev -> fixSelected());
        undoFix.setName("magpie_undo_fix");
        undoFix.setMnemonic(KeyEvent.VK_U);
        undoFix.addActionListener(ev -> undoLastFix());
        undoFix.setEnabled(false);
        JButton reassess = new JButton("Re-assess");
        reassess.setName("magpie_reassess");
        reassess.setMnemonic(KeyEvent.VK_R);
        reassess.addActionListener(ev -> assess());
        Dialogs.layOut(this, top, split, status, fixSafe, fixSelected, undoFix, reassess);
        setPreferredSize(new Dimension(880, 600));
        pack();
        placeBesideTree(owner);
        fixSafe.setEnabled(false);
        fixSelected.setEnabled(false);
    }

    /** Over the right part of JMeter's window, so the tree (where findings are selected) stays visible. */
    private void placeBesideTree(Frame owner) {
        if (owner == null || !owner.isShowing()) {
            setLocationRelativeTo(owner);
            return;
        }
        java.awt.Rectangle frame = owner.getBounds();
        java.awt.Rectangle screen = owner.getGraphicsConfiguration().getBounds();
        int x = Math.min(frame.x + frame.width - getWidth(), screen.x + screen.width - getWidth());
        int y = frame.y + Math.max(0, (frame.height - getHeight()) / 2);
        setLocation(Math.max(screen.x, x), Math.max(screen.y, y));
    }

    /** Assesses the open plan; shows the dialog (in front) when the core answered. */
    void assessAndShow() {
        if (assess()) {
            setVisible(true);
            toFront();
            table.requestFocusInWindow();
        }
    }

    /**
     * Saves the tree the user sees to a temp file, lets the core assess it, shows the report.
     *
     * @return true if the report is shown
     */
    boolean assess() {
        String name = PlanTree.planName();
        File snapshot = PlanEdits.snapshot(name, "assessment", parentForDialogs(), "Assess plan failed");
        if (snapshot == null) {
            return false;
        }
        String request = Json.write(request(snapshot, Collections.emptyList(), null));
        CoreCall.Outcome outcome = CoreCall.run(parentForDialogs(), "Magpie", "Assessing " + name + "\u2026",
                () -> Magpie.assess(request));
        PlanTree.deleteTemp(snapshot);
        Map<String, Object> report = reply(outcome, "Assess plan failed", name);
        if (report == null) {
            return false;
        }
        Map<String, Object> score = Json.object(report, "score");
        List<Map<String, Object>> findings = Json.maps(Json.list(report, "findings"));
        long fixable = findings.stream().filter(AssessDialog::isFixable).count();
        long safe = findings.stream().filter(f -> "safe".equals(applicability(f))).count();
        log.info("Magpie assessed {}: score {}, {} findings ({} fixable, {} safely)", name, Json.number(score, "total"),
                findings.size(), fixable, safe);
        show(name, score, findings, fixable, safe);
        return true;
    }

    private void show(String name, Map<String, Object> score, List<Map<String, Object>> findings, long fixable,
            long safe) {
        setTitle(TITLE + " \u2013 " + name);
        scoreLabel.setText("Score " + Json.number(score, "total") + " / 100");
        StringBuilder families = new StringBuilder();
        for (Map.Entry<String, Object> family : Json.object(score, "families").entrySet()) {
            if (families.length() > 0) {
                families.append("     ");
            }
            families.append(family.getKey()).append(' ').append(family.getValue());
        }
        familiesLabel.setText(families.toString());
        summaryLabel.setText(findings.size() + " findings in " + name + ", " + fixable + " fixable (" + safe
                + " safely). Select a finding to select its element in the tree.");
        model.set(findings);
        fixSafe.setEnabled(safe > 0);
        details.setText("");
        status.setText(" ");
        selectionChanged();
    }

    private void selectionChanged() {
        Map<String, Object> f = selectedFinding();
        fixSelected.setEnabled(f != null && isFixable(f));
        if (f == null) {
            details.setText("");
            return;
        }
        StringBuilder text = new StringBuilder();
        text.append(Json.string(f, "code")).append(' ').append(Json.string(f, "rule")).append(" (")
                .append(Json.string(f, "family")).append(", ").append(Json.string(f, "severity")).append(")\n")
                .append(Json.string(f, "message")).append('\n')
                .append(Json.string(f, "path")).append("  (line ").append(Json.number(f, "line")).append(", column ")
                .append(Json.number(f, "column")).append(")\n");
        Map<String, Object> fix = Json.object(f, "fix");
        if (!fix.isEmpty()) {
            text.append(FindingsModel.fixLabel(Json.string(fix, "applicability"))).append(": ")
                    .append(Json.string(fix, "description")).append('\n');
        }
        details.setText(text.toString());
        details.setCaretPosition(0);
        String selected = PlanTree.selectElement((int) Json.number(f, "element"));
        String path = Json.string(f, "path");
        String expected = path.substring(path.lastIndexOf('\u203a') + 1).trim();
        log.info("Magpie selected element {} ({}) for {}{}", Json.number(f, "element"), selected,
                Json.string(f, "code"), fix.isEmpty() ? "" : " (" + FindingsModel.fixLabel(applicability(f)) + ")");
        if (selected == null || (!expected.isEmpty() && !expected.equals(selected.trim()))) {
            status.setText("The tree has changed since this assessment: press Re-assess.");
        } else {
            status.setText(" ");
        }
    }

    private void fixAllSafe() {
        fix("Fix all safe", Collections.emptyList(), false);
    }

    private void fixSelected() {
        Map<String, Object> f = selectedFinding();
        if (f == null || !isFixable(f)) {
            return;
        }
        String code = Json.string(f, "code");
        boolean unsafe = "unsafe".equals(applicability(f));
        if (unsafe) {
            int answer = JOptionPane.showConfirmDialog(this,
                    "The fix for " + code + " is unsafe: it changes behaviour the plan may rely on.\n\n"
                            + Json.string(Json.object(f, "fix"), "description")
                            + "\n\nPreview it, with the other fixes for " + code + "?",
                    "Unsafe fix", JOptionPane.YES_NO_OPTION, JOptionPane.WARNING_MESSAGE);
            if (answer != JOptionPane.YES_OPTION) {
                return;
            }
        }
        fix("Fix " + code, Collections.singletonList(code), unsafe);
    }

    /** Saves the tree as it is now to a temp file; on failure says so and returns null. */
    /**
     * Lets the core fix the tree as it is now, previews the diff, and on Apply changes JMeter's tree
     * in place (modified, nothing written to the file). When the change cannot be expressed as tree
     * operations, the fixed plan is loaded in place of the open one instead.
     */
    private void fix(String title, List<String> select, boolean unsafe) {
        if (JMeterUtils.isTestRunning()) {
            Dialogs.error(this, title, "A test is running: stop it before applying fixes.");
            return;
        }
        String name = PlanTree.planName();
        String originalFile = PlanTree.planFile();
        File snapshot = PlanEdits.snapshot(name, "fixing", this, title);
        if (snapshot == null) {
            return;
        }
        String request = Json.write(request(snapshot, select, unsafe));
        CoreCall.Outcome outcome = CoreCall.run(this, "Magpie", "Preparing fixes for " + name + "\u2026",
                () -> Magpie.assessFix(request));
        String before = PlanEdits.readQuietly(snapshot);
        PlanTree.deleteTemp(snapshot);
        Map<String, Object> result = reply(outcome, title + " failed", name);
        if (result == null) {
            return;
        }
        long applied = Json.number(result, "applied");
        if (applied == 0) {
            Dialogs.info(this, title, "Nothing to fix in the plan as it is now.");
            assess();
            return;
        }
        // The diff names the temp snapshot; show the plan's own name instead.
        String diff = Json.string(result, "diff").replace(snapshot.getPath(), name);
        if (!preview(title, name, applied, diff)) {
            log.info("Magpie: {} fixes previewed for {}, not applied", applied, name);
            return;
        }
        boolean inPlace = result.get("ops") != null && before != null;
        if (inPlace) {
            List<Object> ops = Json.list(result, "ops");
            if (!edits.applyInPlace(title, name, ops, before)) {
                return;
            }
            edits.applied(before, name, title);
            log.info("Magpie applied {} fixes to {} in place ({} tree operations)", applied, name, ops.size());
        } else {
            log.info("Magpie: fixes for {} cannot be applied in place ({}); reloading the fixed plan", name,
                    result.get("ops_error"));
            if (!edits.reloadFixed(title, name, originalFile, Json.string(result, "fixed_text"))) {
                return;
            }
            edits.forget();
            log.info("Magpie applied {} fixes to {}", applied, name);
        }
        undoFix.setEnabled(edits.canUndo());
        status.setText(fixes(applied) + " applied; the plan is modified, not saved.");
        // After JMeter's queued events (tree changes, dirty flag).
        javax.swing.SwingUtilities.invokeLater(() -> {
            if (assess()) {
                status.setText(fixes(applied) + " applied; the plan is modified, not saved.");
                toFront();
                table.requestFocusInWindow();
            }
        });
    }

    /** Undo last fix: the core takes the plan back while it is exactly as the fix left it. */
    private void undoLastFix() {
        if (!edits.undo("Undo last fix", "fix")) {
            return;
        }
        undoFix.setEnabled(false);
        javax.swing.SwingUtilities.invokeLater(() -> {
            if (assess()) {
                status.setText("Last fix undone; the plan is modified, not saved.");
            }
        });
    }

    /** The diff in a scrollable, monospaced preview; true on Apply. */
    private boolean preview(String title, String name, long applied, String diff) {
        return Dialogs.previewDiff(this, "Magpie: preview fixes", fixes(applied) + " to " + escape(name) + ". Apply changes"
                + " the plan in JMeter's tree, modified and not saved (Undo last fix takes it back): your file is"
                + " written only when you save.", diff);
    }

    private java.awt.Component parentForDialogs() {
        return isVisible() ? this : getOwner();
    }

    /** The core's reply as a map, or null after telling the user why there is none. */
    private Map<String, Object> reply(CoreCall.Outcome outcome, String title, String name) {
        String what = title.replaceFirst(" failed$", "").toLowerCase(java.util.Locale.ROOT);
        return outcome.replyOrTell(parentForDialogs(), title, what + " of " + name);
    }

    private static Map<String, Object> request(File jmx, List<String> select, Boolean unsafe) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("jmx_path", jmx.getPath());
        request.put("select", select);
        request.put("ignore", Collections.emptyList());
        if (unsafe != null) {
            request.put("unsafe_fixes", unsafe);
        }
        return request;
    }

    private Map<String, Object> selectedFinding() {
        int row = table.getSelectedRow();
        return row < 0 ? null : model.get(table.convertRowIndexToModel(row));
    }

    private static String applicability(Map<String, Object> finding) {
        return Json.string(Json.object(finding, "fix"), "applicability");
    }

    private static boolean isFixable(Map<String, Object> finding) {
        String a = applicability(finding);
        return "safe".equals(a) || "unsafe".equals(a);
    }

    private static int rank(Object severity) {
        return Arrays.asList("info", "warning", "error").indexOf(String.valueOf(severity));
    }

    private static String fixes(long n) {
        return n == 1 ? "1 fix" : n + " fixes";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One row per finding, in the core's order. */
    private static final class FindingsModel extends RowsModel {
        private static final long serialVersionUID = 1L;
        static final int FAMILY = 0;
        static final int SEVERITY = 1;

        FindingsModel() {
            super("Family", "Severity", "Code", "Fix", "Message", "Element");
        }

        @Override
        public Object getValueAt(int row, int column) {
            Map<String, Object> f = rows.get(row);
            switch (column) {
                case 0:
                    return Json.string(f, "family");
                case 1:
                    return Json.string(f, "severity");
                case 2:
                    return Json.string(f, "code");
                case 3:
                    return fixLabel(applicability(f));
                case 4:
                    return Json.string(f, "message");
                default:
                    return Json.string(f, "path");
            }
        }

        /** The fix marker: "\u2714 safe fix", "\u26a0 unsafe fix", "advice", or nothing. */
        static String fixLabel(String applicability) {
            switch (applicability) {
                case "safe":
                    return "\u2714 safe fix";
                case "unsafe":
                    return "\u26a0 unsafe fix";
                case "display_only":
                    return "advice";
                default:
                    return "";
            }
        }
    }
}
