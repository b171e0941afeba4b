package weft.runtime.committer.lifecycle;

import com.google.protobuf.ByteString;

/** Which validation plugin checks a namespace, and with which endorsement policy (a marshalled ApplicationPolicy). */
public record ValidationInfo(String plugin, ByteString policy) {
}
