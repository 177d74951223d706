package dev.clawgate.agent.tools;

import dev.clawgate.config.AgentsConfig;
import dev.clawgate.wire.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which tools one agent is offered: the profile's tools, narrowed by {@code allow} when it is not empty,
 * minus everything {@code deny} names. Deny always wins. Entries match tool names case-insensitively and
 * may use {@code *} wildcards or the groups {@code group:fs} (read, write, list) and {@code group:web}
 * (web_fetch). {@code allow} only ever narrows the profile; it never adds a tool the profile leaves out.
 *
 * <p>Tools that are not offered are not sent to the model, and a call to one is refused by
 * {@link ToolExecutor} without running it.
 */
public final class ToolPolicy {

    private static final Map<String, List<String>> GROUPS = Map.of(
            "group:fs", List.of(ReadFileTool.NAME, WriteFileTool.NAME, ListDirectoryTool.NAME),
            "group:web", List.of("web_fetch"));

    private final Map<String, Tool> offered;
    private final List<Tool> offeredInOrder;
    private final FileAccess fileAccess;

    public ToolPolicy(List<Tool> available, ToolProfile profile, List<String> allow, List<String> deny) {
        this(available, profile, allow, deny, FileAccess.DEFAULT);
    }

    /** @param fileAccess what the file tools may touch inside the workspace */
    public ToolPolicy(List<Tool> available, ToolProfile profile, List<String> allow, List<String> deny,
            FileAccess fileAccess) {
        this.fileAccess = fileAccess;
        List<Pattern> allowPatterns = compile(allow);
        List<Pattern> denyPatterns = compile(deny);
        Map<String, Tool> selected = new LinkedHashMap<>();
        for (Tool tool : available) {
            String name = tool.name();
            boolean inProfile = profile.includes(name);
            boolean allowed = allowPatterns.isEmpty() || matchesAny(allowPatterns, name);
            boolean denied = matchesAny(denyPatterns, name);
            if (inProfile && allowed && !denied) {
                if (selected.putIfAbsent(name, tool) != null) {
                    throw new IllegalArgumentException("two tools are named " + name);
                }
            }
        }
        this.offered = Map.copyOf(selected);
        this.offeredInOrder = List.copyOf(selected.values());
    }

    /** The policy an agent's {@code tools} config section describes (null section: the full profile). */
    public static ToolPolicy forAgent(List<Tool> available, AgentsConfig.Tools tools) {
        if (tools == null) {
            return new ToolPolicy(available, ToolProfile.FULL, List.of(), List.of());
        }
        return new ToolPolicy(available, ToolProfile.parse(tools.profile()), tools.allow(), tools.deny(),
                FileAccess.of(tools.fs()));
    }

    /** The file rules of this policy ({@code tools.fs}); the defaults protect. */
    public FileAccess fileAccess() {
        return fileAccess;
    }

    /** The tools the model may call, in the order they were made available. */
    public List<Tool> offeredTools() {
        return offeredInOrder;
    }

    public List<ToolSpec> offeredSpecs() {
        List<ToolSpec> specs = new ArrayList<>(offeredInOrder.size());
        for (Tool tool : offeredInOrder) {
            specs.add(tool.spec());
        }
        return specs;
    }

    /** The offered tool with exactly this name (case and all); empty for anything else. */
    public Optional<Tool> find(String exactName) {
        return exactName == null ? Optional.empty() : Optional.ofNullable(offered.get(exactName));
    }

    public boolean isOffered(String exactName) {
        return find(exactName).isPresent();
    }

    private static boolean matchesAny(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compile(List<String> entries) {
        List<Pattern> patterns = new ArrayList<>();
        if (entries == null) {
            return patterns;
        }
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String e = entry.trim().toLowerCase(Locale.ROOT);
            List<String> members = GROUPS.get(e);
            if (members != null) {
                for (String member : members) {
                    patterns.add(Pattern.compile(Pattern.quote(member), Pattern.CASE_INSENSITIVE));
                }
            } else {
                patterns.add(wildcard(e));
            }
        }
        return patterns;
    }

    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String piece : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
