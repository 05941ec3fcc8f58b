package io.sideeye.desktop.ui;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ListCell;

/**
 * A list cell that shows each item in one node built once and filled per item, and nothing
 * when empty. It takes the list's width, so long text wraps instead of scrolling sideways.
 *
 * @param <T> the item type
 */
final class FilledCell<T> extends ListCell<T> {
    private final Node graphic;
    private final Runnable clear;
    private final Consumer<T> fill;

    /**
     * @param graphic the node that shows an item
     * @param clear   undoes, before every update, what {@code fill} added that a new fill would not replace
     * @param fill    shows an item in {@code graphic}
     */
    FilledCell(Node graphic, Runnable clear, Consumer<T> fill) {
        this.graphic = graphic;
        this.clear = clear;
        this.fill = fill;
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        clear.run();
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        fill.accept(item);
        setGraphic(graphic);
    }
}
