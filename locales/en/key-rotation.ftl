# Key rotation and revocation, a province's key list, cosignatures brought in (docs/LOG.md §2, §5, §8)
key-rotated = The bureau's keys were { $action ->
    [revoke] revoked
   *[other] rotated
}: ledger entry { $seq } names the new keys, the checkpoint is signed by the old and the new keys; the key statement is in { $file }. New keys:
key-rotated-publish = Publish the key statement { $file } and the new keys and fingerprints above; a reader with the old keys confirms the new ones with --key-statement { $file }.
log-keys-needed = The bureau's keys are needed: give its vkeys with --log-key, or a province's key list with --key-list
log-bad-key-list = { $file }: this line of the key list is invalid: { $why }
log-not-in-key-list = The key list { $file } has no keys of log { $origin }
log-sig-by-retired = Note: signed with the keys retired at entry { $size } (files signed before the rotation stay valid)
cosigner-rekeyed = Updated the keys of log { $origin } from the key statement ({ $action }, checkpoint size { $size })
log-cosigners-needed = No cosigner keys to accept: give them with --cosigner-key, or write log-policy.toml in the workspace
log-cosignatures-added = { $file }: added { $added } cosignature(s) to the checkpoint of size { $size }
help-key-rotate = Replace the bureau's keys: new keys, a ledger entry, a checkpoint signed by the old and the new keys, and the key statement to publish; run again to finish one a crash interrupted
help-key-rotate--reason = Why (recorded in the ledger)
help-key-revoke = Withdraw the bureau's keys (e.g. leaked): as rotate, and readers given the statement refuse what only the old keys signed after it
help-key-revoke--reason = Why (recorded in the ledger and shown to readers)
help-ledger-add-cosignatures = Add cosigners' cosignatures (cosigner cosign --out) to the stored checkpoint they cosigned, so the proofs made from it carry them
help-ledger-add-cosignatures--files = The cosigned checkpoints
help-ledger-add-cosignatures--cosigner-key = A cosigner vkey whose cosignatures to accept (repeatable; the cosigners of WS/log-policy.toml are accepted too)
help-ledger-verify-proof--key-list = A province's key list (one vkey per line, # comments): the keys named as the log's origin are used
help-ledger-verify-proof--key-statement = A key statement the bureau published (WS/key-statements/SIZE.txt): its new keys are in force from its checkpoint on; repeatable
help-verify--key-list = A province's key list (one vkey per line, # comments): the keys named as the log's origin are used
help-verify--key-statement = A key statement the bureau published (WS/key-statements/SIZE.txt): its new keys are in force from its checkpoint on; repeatable
help-verify-fork--key-list = A province's key list (one vkey per line, # comments): the keys named as the log's origin are used
help-verify-fork--key-statement = A key statement the bureau published (WS/key-statements/SIZE.txt): its new keys are in force from its checkpoint on; repeatable
help-cosigner-follow--key-statement = A key statement of a log followed (key rotate/revoke), for the checkpoint last cosigned: its new keys replace the recorded ones
help-verify-signature = Check a published file's detached signature (FILE.sig) against the bureau's public keys
help-verify-signature--file = The published file (a notice, list, proof or results file)
help-verify-signature--signature = The signature file (default: FILE.sig)
help-verify-signature--log-key = A bureau vkey (repeat for the Ed25519 and the SM2 key)
help-verify-signature--key-list = A province's key list (one vkey per line, # comments): the keys named as the log's origin are used
help-verify-signature--key-statement = A key statement the bureau published (WS/key-statements/SIZE.txt): its new keys are in force from its checkpoint on; repeatable
help-key-show--vkeys = Print only the vkeys, one per line (a key list, or a file for --log-key)
help-cosigner-show = Print the cosigner's public key (vkey), for the bureau's policy
help-cosigner-show--state = The state file
log-checkpoint-verified = VERIFIED: the checkpoint of { $size } entries; { $keys } bureau key signatures valid, { $cosignatures } cosignatures valid
