package dev.magpie.jmeter.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.swing.table.AbstractTableModel;

/** A table of the core's JSON objects, one per row, under fixed column names. */
abstract class RowsModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private final String[] columns;
    protected final List<Map<String, Object>> rows = new ArrayList<>();

    RowsModel(String... columns) {
        this.columns = columns.clone();
    }

    void set(List<Map<String, Object>> objects) {
        rows.clear();
        rows.addAll(objects);
        fireTableDataChanged();
    }

    Map<String, Object> get(int row) {
        return rows.get(row);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public String getColumnName(int column) {
        return columns[column];
    }
}
