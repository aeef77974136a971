import com.sun.tools.attach.VirtualMachine;

/** The peer: the JDK Attach API loading the same libasyncProfiler with the same options, from a fresh JVM. */
public final class AttachPeer {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
