/** What the committer hands validation plugins in {@code init}: committed state and collection policies of a channel. */
package weft.runtime.committer.dependencies;
