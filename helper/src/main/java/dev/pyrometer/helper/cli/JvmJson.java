package dev.pyrometer.helper.cli;

import dev.pyrometer.cli.JsonStrings;
import dev.pyrometer.helper.discovery.JvmInfo;
import java.util.List;
import java.util.Locale;

/** Writes {@link JvmInfo} lists as JSON, field names as in the record. */
final class JvmJson {

    private JvmJson() {
    }

    static String array(List<JvmInfo> jvms) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < jvms.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(object(jvms.get(i)));
        }
        return sb.append(jvms.isEmpty() ? "]" : "\n]").toString();
    }

    static String object(JvmInfo j) {
        return "{\"type\":\"jvm\",\"pid\":" + j.pid() + ",\"nsPid\":" + j.nsPid() + ",\"user\":" + str(j.user())
                + ",\"mainClass\":" + str(j.mainClass()) + ",\"jdkVersion\":" + str(j.jdkVersion())
                + ",\"uptimeMillis\":" + j.uptimeMillis() + ",\"cpuPercent\":"
                + String.format(Locale.ROOT, "%.1f", j.cpuPercent()) + ",\"rssBytes\":" + j.rssBytes()
                + ",\"containerized\":" + j.containerized() + ",\"attachable\":" + j.attachable()
                + ",\"notAttachableReason\":" + str(j.notAttachableReason()) + ",\"app\":" + str(j.app())
                + ",\"release\":" + str(j.release()) + "}";
    }

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2);
        JsonStrings.quote(sb, s);
        return sb.toString();
    }
}
