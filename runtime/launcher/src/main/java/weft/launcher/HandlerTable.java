package weft.launcher;

import java.util.ArrayList;
import java.util.List;
import weft.launcher.spi.HandlerStatus;

/** Renders handler statuses as the aligned table that {@code weft-peer handlers list} prints. */
final class HandlerTable {

    private static final List<String> HEADINGS = List.of("KIND", "PLUGIN", "HANDLER", "BUNDLE", "VERSION", "STATE");

    private HandlerTable() {
    }

    static String render(List<HandlerStatus> statuses) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (HandlerStatus s : statuses) {
            rows.add(List.of(s.kind(), s.pluginName(), s.handlerName(), orDash(s.bundle()), orDash(s.bundleVersion()),
                    s.state().name()));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(i == row.size() - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
            }
            out.append('\n');
        }
        for (HandlerStatus s : statuses) {
            if (!s.problem().isEmpty()) {
                out.append('\n').append("problem: ").append(s.problem()).append('\n');
            }
        }
        return out.toString();
    }

    static boolean anyFailed(List<HandlerStatus> statuses) {
        return statuses.stream().anyMatch(s -> s.state() == HandlerStatus.State.FAILED);
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
