package dev.magpie.jmeter.gui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import javax.swing.tree.TreeNode;

import org.apache.jmeter.exceptions.IllegalUserActionException;
import org.apache.jmeter.gui.tree.JMeterTreeModel;
import org.apache.jmeter.gui.tree.JMeterTreeNode;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.JMeterProperty;
import org.apache.jmeter.testelement.property.PropertyIterator;
import org.apache.jorphan.collections.HashTree;

/**
 * Applies the core's tree operations ({@code magpie_core::jmx::treediff}) to a JMeter tree model:
 * replace an element's properties, remove an element, insert a subtree at a position. Elements are
 * named by their index in a pre-order walk from the Test Plan (0), resolved before anything
 * changes, so the operations apply in the order given. Knows nothing about what the change means.
 */
public final class TreeOps {
    private TreeOps() {
    }

    /**
     * Applies {@code ops} ({@code {"op": "replace"|"remove"|"insert", ...}}) to {@code model}.
     *
     * @return the nodes the operations touched (replaced or inserted), for the caller to show
     */
    public static List<JMeterTreeNode> apply(JMeterTreeModel model, List<Object> ops)
            throws IOException, IllegalUserActionException {
        List<JMeterTreeNode> nodes = preorder(model);
        List<JMeterTreeNode> touched = new ArrayList<>();
        for (Object o : ops) {
            @SuppressWarnings("unchecked")
            Map<String, Object> op = (Map<String, Object>) o;
            String kind = (String) op.get("op");
            switch (kind) {
                case "replace": {
                    JMeterTreeNode node = node(nodes, op, "element");
                    TestElement fresh = firstElement(load((String) op.get("xml") + "\n<hashTree/>"));
                    copyProperties(fresh, node.getTestElement());
                    // As when JMeter adds a node: the enabled flag is always set on tree elements.
                    node.setEnabled(fresh.isEnabled());
                    model.nodeChanged(node);
                    touched.add(node);
                    break;
                }
                case "remove":
                    model.removeNodeFromParent(node(nodes, op, "element"));
                    break;
                case "insert": {
                    JMeterTreeNode parent = node(nodes, op, "parent");
                    int position = ((Number) op.get("position")).intValue();
                    model.addSubTree(load((String) op.get("xml")), parent);
                    JMeterTreeNode added = (JMeterTreeNode) parent.getChildAt(parent.getChildCount() - 1);
                    if (position < parent.getChildCount() - 1) {
                        model.removeNodeFromParent(added);
                        model.insertNodeInto(added, parent, position);
                    }
                    touched.add(added);
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown tree operation `" + kind + "`");
            }
        }
        return touched;
    }

    /**
     * The model's Test Plan as a tree of test elements, the way File → Save hands it to
     * SaveService (the same as JMeter's package-private {@code Save.convertSubTree}).
     */
    public static HashTree testPlanElements(JMeterTreeModel model) {
        HashTree tree = model.getTestPlan(); // a new tree of JMeterTreeNodes
        convertSubTree(tree);
        return tree;
    }

    private static void convertSubTree(HashTree tree) {
        for (Object o : new ArrayList<>(tree.list())) {
            JMeterTreeNode item = (JMeterTreeNode) o;
            convertSubTree(tree.getTree(item));
            tree.replaceKey(item, item.getTestElement());
        }
    }

    /** The Test Plan and everything under it, in pre-order (the core's element indices). */
    static List<JMeterTreeNode> preorder(JMeterTreeModel model) {
        List<JMeterTreeNode> out = new ArrayList<>();
        TreeNode root = (TreeNode) model.getRoot();
        if (root.getChildCount() == 0) {
            return out;
        }
        Enumeration<TreeNode> walk = ((JMeterTreeNode) root.getChildAt(0)).preorderEnumeration();
        while (walk.hasMoreElements()) {
            out.add((JMeterTreeNode) walk.nextElement());
        }
        return out;
    }

    private static JMeterTreeNode node(List<JMeterTreeNode> nodes, Map<String, Object> op, String key) {
        int index = ((Number) op.get(key)).intValue();
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("element " + index + " is not in the tree (" + nodes.size() + " elements)");
        }
        return nodes.get(index);
    }

    /**
     * The existing element takes {@code fresh}'s properties, in {@code fresh}'s order (the order
     * JMeter saves them in); the node, and its GUI, stay.
     */
    private static void copyProperties(TestElement fresh, TestElement target) {
        List<String> old = new ArrayList<>();
        PropertyIterator it = target.propertyIterator();
        while (it.hasNext()) {
            old.add(it.next().getName());
        }
        old.forEach(target::removeProperty);
        it = fresh.propertyIterator();
        while (it.hasNext()) {
            target.setProperty((JMeterProperty) it.next().clone());
        }
    }

    private static TestElement firstElement(HashTree tree) {
        for (Object key : tree.list()) {
            return (TestElement) key;
        }
        throw new IllegalArgumentException("the operation's XML holds no test element");
    }

    /** Elements (each followed by its hashTree) read by JMeter's SaveService, as in a plan file. */
    private static HashTree load(String elementsXml) throws IOException {
        File tmp = File.createTempFile("magpie-tree-op", ".jmx");
        try {
            String plan = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n<hashTree>\n"
                    + elementsXml + "\n</hashTree>\n</jmeterTestPlan>\n";
            Files.write(tmp.toPath(), plan.getBytes(StandardCharsets.UTF_8));
            HashTree tree = SaveService.loadTree(tmp);
            if (tree == null) {
                throw new IOException("JMeter could not read the element: " + elementsXml);
            }
            return tree;
        } finally {
            Files.deleteIfExists(tmp.toPath());
        }
    }
}
