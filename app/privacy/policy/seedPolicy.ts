// The client's policy (shared/seed/privacy-policy.ja.txt) as structured data, in Japanese as
// written and in an English translation. New shops start their draft from it and edit it.
import type { PolicyBusiness, PolicyContent, PolicyDocument } from "./policyDocument";

const numbered = (prefix: string, texts: string[]) =>
  texts.map((text, index) => ({ id: `${prefix}_${String(index + 1).padStart(2, "0")}`, text }));

const SEED_BUSINESS: PolicyBusiness = {
  name: "qui pearl project",
  address: "",
  representative: "",
  email: "support@quipearljewelry.com",
  phone: "078-303-1150",
};

const ja: PolicyDocument = {
  title: "プライバシーポリシー",
  intro:
    "qui pearl project(以下「当社」という)は、事業を実施する上で、プライバシーの保護や取り扱いを大切な社会的責務と深く認識しており、個人情報の保護に関する法律及び関連法令等を遵守し、次のとおりお客様の個人情報の適正な管理保護に努めてまいります。",
  sections: [
    {
      id: "acquisition",
      heading: "個人情報の取得",
      paragraphs: [
        "当社では商品のご購入時やアカウント作成、お問い合わせ時に個人情報を収集することがございます。個人情報の取得は、事前に利用目的を明示し、サービス提供の有無についての同意を確認した上で、個人情報保護法を遵守した適正な手段で行います。また収集する個人情報は、必要最低限に限定します。",
      ],
      items: [],
    },
    {
      id: "purposes",
      heading: "個人情報の利用",
      paragraphs: ["お客様からご提供された個人情報は、以下の利用目的の範囲内のみで利用します。"],
      items: numbered("purpose", [
        "各種商品に関するご案内のため",
        "サービス・キャンペーン・サンプリング・イベントなどのご案内のため",
        "当社の事業運営上、必要な事項の通知をするため",
        "ご注文の決済、製品の発送状況を通知するため",
        "サービスのご購入・ご利用に関する課金情報の管理のため",
        "各種お問い合わせ、アフターサービスなどのお客様サポートのため",
        "各種アンケートやマーケティング活動実施のため",
        "商品・サービスに関する利用状況、利用環境を含むお客様満足度調査などのマーケティングリサーチのため",
        "各種ご本人様確認のため",
        "個人を特定できないよう加工した上で、統計データ分析や資料作成を行い、サービスの向上に役立てるため",
        "利用規約への違反や、不当な目的でサービスをご利用された際の、継続の利用をお断りするため",
        "契約や法律等に基づく権利の行使や義務の履行のため",
        "法令等の正当な理由に基づく場合",
        "採用に応募いただいた方への連絡業務や採用選考のため",
      ]),
    },
    {
      // The seed lists these right after the purposes; a section of their own keeps them after the list.
      id: "purposes_exceptions",
      subsection: true,
      heading: "利用目的の範囲外での利用",
      paragraphs: ["なお、利用目的の範囲外であっても、以下に該当する場合はご本人の事前の同意を得ずして個人情報を利用する場合があります。"],
      items: numbered("exception", [
        "法令の定めによる場合",
        "ご本人および、または公衆の生命、健康、財産等の重大な利益を保護するために必要な場合",
        "国の機関、もしくは地方公共団体、またはその委託を受けた者が法令の定める事務を遂行することに対して協力する必要がある場合で、ご本人の同意を得ることによって当該事務の遂行に支障を及ぼすおそれがある場合",
      ]),
    },
    {
      id: "third_party",
      heading: "個人情報の第三者への開示、提供",
      paragraphs: ["お客様から収集した個人情報は、以下のいずれかに該当する場合を除いて、第三者に開示、提供をしません。"],
      items: numbered("third_party", [
        "法令の定めによる場合",
        "お客様ご本人および、または公衆の生命、健康、財産等の重大な利益を保護するために必要な場合",
        "お客様からの、お問い合わせへの対応のために必要な場合",
        "予めお客様ご本人から同意を得ている場合",
        "決済会社での本人確認、請求先確認及び与信調査が必要な場合",
      ]),
    },
    {
      id: "requests",
      heading: "個人情報の開示・変更・利用停止・削除",
      paragraphs: [
        "当社は、お客様からご提供いただいた個人情報について、お客様ご本人からの個人情報の開示・変更・利用停止・削除等(以下「開示等」という)のご依頼に、速やかに対応いたします。お問い合わせフォームよりお知らせください。",
        "(1)開示・変更・利用停止・削除等の受付\nお客さまから個人情報の開示等をご希望の場合は、対象となる情報をご指定いただき、当社が定めるご本人様確認の手続きを行っていただきます。その後、速やかに開示等をいたします。",
      ],
      items: [],
    },
    {
      id: "refusal_grounds",
      subsection: true,
      heading: "(2)個人情報を開示できない場合",
      paragraphs: [],
      items: numbered("refusal", [
        "お客様ご本人であることを確認できない場合",
        "ご本人又は第三者の生命、身体、財産その他の権利利益を害する恐れがある場合",
        "当社の業務の適正な実施に著しい支障を及ぼすおそれがある場合",
        "他の法令に違反することとなる場合",
        "公序良俗違反が明らかであり、社会的妥当性に著しく反する場合",
      ]),
    },
    {
      id: "fees",
      subsection: true,
      heading: "(3)手数料",
      paragraphs: ["開示等のご請求に関する手数料はいただきません。"],
      items: [],
    },
    {
      id: "gift_recipients",
      heading: "お客様からお預かりした第三者の宛先情報",
      paragraphs: [
        "当社では、お客様から、お客様ご本人以外の商品の配送先として、第三者の個人情報の提供を受けることがあります。お客様から第三者の宛先情報の提供を受けた場合、当該宛先情報を商品の発送のためにのみ利用します。",
      ],
      items: [],
    },
    {
      id: "outsourcing",
      heading: "個人情報の委託先の監督",
      paragraphs: [
        "当社は、ご本人から取得した個人情報の取り扱いを、当社の責任で外部へ委託することがあります。その際は、適切な委託先を選定し、委託先に対し必要かつ適切な監督を行うことにより、お客様の個人情報の安全管理を実施させるよう努めます。",
      ],
      items: [],
    },
    {
      id: "security",
      heading: "個人情報の保護",
      paragraphs: [
        "当社は、お客様の個人情報を厳重に管理し、第三者の不正アクセスによる漏洩・紛失・破壊・改ざん等を防止するため、適切かつ合理的な安全対策を実施し、個人情報の保護に努めます。",
      ],
      items: [],
    },
    {
      id: "cookies",
      heading: "クッキー(Cookie)の利用",
      paragraphs: [
        "クッキーとはお客様のWebサイト閲覧情報を、お客様のデバイスに記憶・保存させる技術のことです。当社では、Webサイトの利用状況を分析し、お客様の利便性やサービスの向上を図る目的、またお客様に適したターゲティング広告を配信する目的でクッキーを利用しています。お客様が当サイトをご利用された場合、お客様のWebブラウザに対してクッキーを発信する場合があります。ただし、クッキー単独では、特定の個人を識別することはできません。お客様が当社サイトで個人情報を入力しない限り、お客様個人を特定することはできず、匿名性は維持されます。お客様が、クッキーの活用を望まれない場合は、ご使用のWebブラウザでクッキーの受け入れを拒否するように設定することができます。ただし、クッキーの受け入れを拒否された場合は、一部のサービスが利用ができなくなる場合があります。",
      ],
      items: [],
    },
    {
      id: "access_logs",
      heading: "アクセスログについて",
      paragraphs: [
        "当社ではお客様の利用動向の把握や広告の効果測定のために、アクセスログを収集しています。アクセスログではIPアドレスやWebブラウザの種類等、サーバー上の動作を記録していますが、収集した個人情報と紐付けて利用することはありません。",
      ],
      items: [],
    },
    {
      id: "law",
      heading: "法令の遵守",
      paragraphs: ["当社は、ご本人の個人情報を取扱うにあたり、日本国における個人情報保護法及びその他関連法令、及び社内諸規程等を遵守します。"],
      items: [],
    },
    {
      id: "changes",
      heading: "プライバシポリシーの変更",
      paragraphs: [
        "当社は、個人情報保護法その他の関連法令の改正に迅速に対応することにより、お客様の個人情報等の保護を図るため、収集する個人情報の変更、利用目的の変更、またはその他プライバシーポリシーの内容を変更する場合があります。",
      ],
      items: [],
    },
    {
      id: "contact",
      heading: "個人情報の取り扱いに関する問い合わせ",
      paragraphs: [
        "個人情報の取扱いに関するお問い合わせは、ストアページ内の「お問い合わせ」ページのフォームからご連絡ください。",
        "メール: support@quipearljewelry.com\n電話: 078-303-1150",
      ],
      items: [],
    },
  ],
  business: { ...SEED_BUSINESS },
};

const en: PolicyDocument = {
  title: "Privacy Policy",
  intro:
    'qui pearl project ("we", "us") regards the protection and proper handling of privacy as an important social responsibility in running our business. We comply with the Act on the Protection of Personal Information and related laws and regulations, and strive to manage and protect our customers\' personal information appropriately, as set out below.',
  sections: [
    {
      id: "acquisition",
      heading: "Collection of personal information",
      paragraphs: [
        "We may collect personal information when you purchase products, create an account or contact us. We collect personal information by fair means in compliance with the Act on the Protection of Personal Information, after stating the purposes of use in advance and confirming your consent to the provision of our services. We limit the personal information we collect to the minimum necessary.",
      ],
      items: [],
    },
    {
      id: "purposes",
      heading: "Use of personal information",
      paragraphs: ["We use the personal information you provide only within the following purposes of use."],
      items: numbered("purpose", [
        "To inform you about our products",
        "To inform you about services, campaigns, samplings, events and the like",
        "To notify you of matters necessary for running our business",
        "To process payment for your orders and notify you of shipping status",
        "To manage billing information for purchases and use of our services",
        "To support you with inquiries, after-sales service and other customer care",
        "To conduct surveys and marketing activities",
        "For marketing research such as customer satisfaction surveys, including how and in what environment our products and services are used",
        "To verify your identity",
        "To improve our services through statistical analysis and reports based on data processed so that no individual can be identified",
        "To refuse continued use of our services when our terms of use have been breached or the services have been used for improper purposes",
        "To exercise rights and perform obligations under contracts, laws and the like",
        "Where there is a legitimate reason under laws and regulations",
        "To contact job applicants and to select candidates",
      ]),
    },
    {
      id: "purposes_exceptions",
      subsection: true,
      heading: "Use beyond the purposes of use",
      paragraphs: ["Even beyond the purposes of use, we may use personal information without your prior consent in the following cases."],
      items: numbered("exception", [
        "Where required by law",
        "Where necessary to protect the life, health, property or other vital interests of you and/or the public",
        "Where we need to cooperate with a national or local government body, or a party entrusted by one, in carrying out duties prescribed by law, and obtaining your consent would be likely to hinder those duties",
      ]),
    },
    {
      id: "third_party",
      heading: "Disclosure and provision of personal information to third parties",
      paragraphs: ["We do not disclose or provide personal information collected from you to third parties except in the following cases."],
      items: numbered("third_party", [
        "Where required by law",
        "Where necessary to protect the life, health, property or other vital interests of you and/or the public",
        "Where necessary to respond to your inquiry",
        "Where we have obtained your consent in advance",
        "Where a payment company needs to verify your identity or billing address, or to check your credit",
      ]),
    },
    {
      id: "requests",
      heading: "Disclosure, correction, suspension of use and deletion of personal information",
      paragraphs: [
        'We respond promptly to requests from you, as the person concerned, for disclosure, correction, suspension of use, deletion and the like (together, "disclosure etc.") of the personal information you have provided to us. Please let us know through our contact form.',
        "(1) Receiving requests for disclosure, correction, suspension of use, deletion and the like\nIf you would like disclosure etc. of your personal information, please specify the information concerned and complete the identity verification procedure we set. We will then carry out the disclosure etc. promptly.",
      ],
      items: [],
    },
    {
      id: "refusal_grounds",
      subsection: true,
      heading: "(2) Cases in which we cannot disclose personal information",
      paragraphs: [],
      items: numbered("refusal", [
        "Where we cannot confirm that you are the person concerned",
        "Where disclosure is likely to harm the life, body, property or other rights or interests of you or a third party",
        "Where disclosure is likely to seriously hinder the proper conduct of our business",
        "Where disclosure would violate other laws or regulations",
        "Where the request is clearly contrary to public order and morals and grossly lacks social propriety",
      ]),
    },
    {
      id: "fees",
      subsection: true,
      heading: "(3) Fees",
      paragraphs: ["We charge no fee for requests for disclosure etc."],
      items: [],
    },
    {
      id: "gift_recipients",
      heading: "Third parties' delivery details you entrust to us",
      paragraphs: [
        "You may give us the personal information of a third party as the delivery address for products sent to someone other than yourself. When you do, we use those delivery details only to ship the products.",
      ],
      items: [],
    },
    {
      id: "outsourcing",
      heading: "Supervision of contractors",
      paragraphs: [
        "We may, under our responsibility, entrust the handling of personal information obtained from you to outside contractors. In that case we select appropriate contractors and supervise them as necessary and appropriate, so that your personal information is kept secure.",
      ],
      items: [],
    },
    {
      id: "security",
      heading: "Protection of personal information",
      paragraphs: [
        "We manage your personal information strictly and take appropriate and reasonable security measures to prevent leakage, loss, destruction, alteration and the like, including through unauthorised access by third parties.",
      ],
      items: [],
    },
    {
      id: "cookies",
      heading: "Use of cookies",
      paragraphs: [
        "Cookies are a technology that stores information about your browsing of websites on your device. We use cookies to analyse how our website is used, to improve convenience and our services, and to deliver targeted advertising suited to you. When you use our site, we may send cookies to your web browser. Cookies alone cannot identify a specific individual. Unless you enter personal information on our site, you cannot be identified and your anonymity is maintained. If you do not want cookies to be used, you can set your web browser to refuse them. If you refuse cookies, however, some services may become unavailable.",
      ],
      items: [],
    },
    {
      id: "access_logs",
      heading: "Access logs",
      paragraphs: [
        "We collect access logs to understand how our site is used and to measure the effectiveness of advertising. Access logs record activity on the server such as IP addresses and browser types, but we never link them with the personal information we collect.",
      ],
      items: [],
    },
    {
      id: "law",
      heading: "Compliance with laws",
      paragraphs: ["In handling your personal information, we comply with Japan's Act on the Protection of Personal Information, other related laws and regulations, and our internal rules."],
      items: [],
    },
    {
      id: "changes",
      heading: "Changes to this privacy policy",
      paragraphs: [
        "To protect your personal information by responding quickly to amendments of the Act on the Protection of Personal Information and other related laws, we may change the personal information we collect, the purposes of use, or other contents of this privacy policy.",
      ],
      items: [],
    },
    {
      id: "contact",
      heading: "Inquiries about the handling of personal information",
      paragraphs: [
        'For inquiries about the handling of personal information, please use the contact form on the "Contact" page of our store.',
        "Email: support@quipearljewelry.com\nPhone: 078-303-1150",
      ],
      items: [],
    },
  ],
  business: { ...SEED_BUSINESS },
};

/** A fresh copy of the seed policy, so callers can edit it without touching the template. */
export function seedPolicyContent(): PolicyContent {
  return structuredClone({ ja, en });
}
