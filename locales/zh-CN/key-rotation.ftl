# 密钥轮换与吊销、省级公钥清单、共同签署的汇入（docs/LOG.md §2、§5、§8）
key-rotated = 已{ $action ->
    [revoke] 吊销
   *[other] 轮换
} 机关密钥：台账第 { $seq } 条记录写明新公钥，检查点由旧、新密钥共同签署；密钥声明已写入 { $file }。新公钥：
key-rotated-publish = 请公布密钥声明 { $file } 和以上新公钥及指纹；核验人用旧公钥加 --key-statement { $file } 即可确认新公钥。
log-keys-needed = 需要机关公钥：用 --log-key 给出公钥（vkey），或用 --key-list 给出省级公钥清单
log-bad-key-list = { $file }: 公钥清单中此行无效：{ $why }
log-not-in-key-list = 公钥清单 { $file } 中没有日志 { $origin } 的公钥
log-sig-by-retired = 注意：此签名由第 { $size } 条记录处轮换下来的旧密钥所签（轮换前签署的文件仍然有效）
cosigner-rekeyed = 已按密钥声明（{ $action ->
    [revoke] 吊销
   *[other] 轮换
}，检查点大小 { $size }）更新日志 { $origin } 的公钥
log-cosigners-needed = 没有可接受的共同签署人公钥：用 --cosigner-key 给出，或在工作区写好 log-policy.toml
log-cosignatures-added = { $file }: 已将 { $added } 个共同签署加入大小为 { $size } 的检查点
help-key-rotate = 轮换机关密钥：生成新密钥，在台账中记录，由旧、新密钥共同签署检查点，并写出供公布的密钥声明；中断后再次运行即可完成
help-key-rotate--reason = 原因（记入台账）
help-key-revoke = 吊销机关密钥（如已泄露）：同轮换，且持有声明的核验人不再接受此后仅由旧密钥签署的内容
help-key-revoke--reason = 原因（记入台账并向核验人显示）
help-ledger-add-cosignatures = 把共同签署人返回的检查点（cosigner cosign --out）中的共同签署加入工作区保存的同一检查点，此后生成的证明都带有这些签署
help-ledger-add-cosignatures--files = 共同签署过的检查点文件
help-ledger-add-cosignatures--cosigner-key = 接受其共同签署的共同签署人公钥（可重复；工作区 log-policy.toml 中的共同签署人也接受）
help-ledger-verify-proof--key-list = 省级公钥清单（每行一个 vkey，# 开头为注释）：取与日志名称相同的公钥
help-ledger-verify-proof--key-statement = 机关公布的密钥声明（WS/key-statements/大小.txt）：自其检查点起使用新公钥；可重复
help-verify--key-list = 省级公钥清单（每行一个 vkey，# 开头为注释）：取与日志名称相同的公钥
help-verify--key-statement = 机关公布的密钥声明（WS/key-statements/大小.txt）：自其检查点起使用新公钥；可重复
help-verify-fork--key-list = 省级公钥清单（每行一个 vkey，# 开头为注释）：取与日志名称相同的公钥
help-verify-fork--key-statement = 机关公布的密钥声明（WS/key-statements/大小.txt）：自其检查点起使用新公钥；可重复
help-cosigner-follow--key-statement = 所关注日志的密钥声明（key rotate/revoke 生成），须针对最后一次共同签署的检查点：用其新公钥替换记录的公钥
help-verify-signature = 用机关的公钥核验公示文件的独立签名（文件.sig）
help-verify-signature--file = 公示的文件（公告、名单、证明或结果文件）
help-verify-signature--signature = 签名文件（默认：文件.sig）
help-verify-signature--log-key = 机关的公钥 vkey（Ed25519 与 SM2 各给一次）
help-verify-signature--key-list = 省级公钥清单（每行一个 vkey，# 开头为注释）：取与日志名称相同的公钥
help-verify-signature--key-statement = 机关公布的密钥声明（WS/key-statements/大小.txt）：自其检查点起使用新公钥；可重复
help-key-show--vkeys = 只打印公钥 vkey，每行一个（可作公钥清单，或作 --log-key 的文件）
help-cosigner-show = 打印共同签署人的公钥 vkey（供机关写入共同签署策略）
help-cosigner-show--state = 状态文件
log-checkpoint-verified = 核验通过（VERIFIED）：{ $size } 条记录的检查点；{ $keys } 个机关公钥的签名有效，{ $cosignatures } 个共同签署有效
