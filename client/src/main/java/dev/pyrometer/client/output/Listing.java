package dev.pyrometer.client.output;

import dev.pyrometer.client.json.JsonFields;
import dev.pyrometer.client.json.JsonReader;
import dev.pyrometer.cli.CommandFailure;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/** Prints an API listing as the controller sent it ({@code --json}) or as a table, with a line when it is empty. */
public final class Listing {
    private Listing() {
    }

    /**
     * @param json  the API's answer, one JSON array
     * @param table a table filled from the array's objects
     * @param none  what to say when there is nothing, naming what to try instead
     */
    public static void print(PrintWriter out, boolean asJson, String json, Function<List<JsonFields>, Table> table,
                             String none) {
        if (asJson) {
            out.println(json.strip());
            out.flush();
            return;
        }
        Table t = table.apply(items(json));
        if (t.isEmpty()) {
            out.println(none);
            out.flush();
        } else {
            t.print(out);
        }
    }

    /** The objects of a JSON array the API answered. */
    public static List<JsonFields> items(String json) {
        try {
            return JsonFields.list(JsonReader.parse(json));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.remote("the controller's answer is not what this client expects (" + e.getMessage()
                    + "); are the client and the controller of the same version?");
        }
    }

    /** One JSON object the API answered. */
    public static JsonFields item(String json) {
        try {
            return JsonFields.of(JsonReader.parse(json));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.remote("the controller's answer is not what this client expects (" + e.getMessage()
                    + "); are the client and the controller of the same version?");
        }
    }
}
